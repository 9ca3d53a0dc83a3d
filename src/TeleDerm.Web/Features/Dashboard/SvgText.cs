using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace TeleDerm.Web.Features.Dashboard;

/// <summary>An SVG <c>text</c> element: Razor reserves the tag name <c>text</c>, so charts write their labels through this.</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter] public string? Class { get; set; }
    [Parameter] public double X { get; set; }
    [Parameter] public double Y { get; set; }
    /// <summary>start, middle or end.</summary>
    [Parameter] public string Anchor { get; set; } = "start";
    [Parameter, EditorRequired] public string Content { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "class", Class);
        builder.AddAttribute(2, "x", X.ToString("0.#", CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "y", Y.ToString("0.#", CultureInfo.InvariantCulture));
        builder.AddAttribute(4, "text-anchor", Anchor);
        builder.AddContent(5, Content);
        builder.CloseElement();
    }
}

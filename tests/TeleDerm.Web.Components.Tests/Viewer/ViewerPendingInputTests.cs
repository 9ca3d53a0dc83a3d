using TeleDerm.Core.Viewer;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Viewer;

namespace TeleDerm.Web.Components.Tests.Viewer;

/// <summary>A drawn calibration asks for its true length (as the reader writes numbers) and refuses what is not one; a label asks for its text.</summary>
public sealed class ViewerPendingInputTests : ComponentTestContext
{
    private readonly List<ViewerPendingInput.PendingAnnotation> saved = [];
    private int cancelled;

    private IRenderedComponent<ViewerPendingInput> Input(AnnotationKind kind) =>
        Context.Render<ViewerPendingInput>(p => p
            .Add(i => i.Kind, kind)
            .Add(i => i.Save, a => saved.Add(a))
            .Add(i => i.Cancel, () => cancelled++));

    [Theory]
    [InlineData("en", "12.5")]
    [InlineData("fr", "12,5")]
    [InlineData("fr", " 12.5 ")]
    public void A_length_is_read_with_a_point_or_a_comma_in_either_language(string language, string typed)
    {
        UseLanguage(language);
        var input = Input(AnnotationKind.Calibration);

        input.Find("#known-length").Input(typed);
        input.Find("form").Submit();

        Assert.Equal([new ViewerPendingInput.PendingAnnotation(null, 12.5)], saved);
    }

    [Theory]
    [InlineData("en", "ten", "Enter the length as a number of millimetres")]
    [InlineData("en", "0", "Enter the length as a number of millimetres")]
    [InlineData("fr", "-3", "millimètres")]
    [InlineData("fr", "", "millimètres")]
    public void What_is_not_a_positive_length_is_refused_next_to_the_field_and_nothing_is_saved(string language, string typed, string expected)
    {
        UseLanguage(language);
        var input = Input(AnnotationKind.Calibration);

        input.Find("#known-length").Input(typed);
        input.Find("form").Submit();

        Assert.Empty(saved);
        Assert.Contains(expected, input.Find(".mud-input-helper-text").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", input.Find("#known-length").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void A_label_hands_over_its_text_and_cancel_saves_nothing()
    {
        UseLanguage("en");
        var input = Input(AnnotationKind.Label);
        Assert.Empty(input.FindAll("#known-length"));

        input.Find("#label-text").Input("Satellite papule");
        input.Find("form").Submit();
        input.Find("[data-testid=cancel-pending]").Click();

        Assert.Equal([new ViewerPendingInput.PendingAnnotation("Satellite papule", null)], saved);
        Assert.Equal(1, cancelled);
    }
}

using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Viewer;

namespace TeleDerm.Web.Components.Tests.Viewer;

/// <summary>The viewer's toolbar shows what is on as pressed, offers only what applies, and reports what the reader pressed.</summary>
public sealed class ViewerToolbarTests : ComponentTestContext
{
    private readonly List<string> heard = [];

    private IRenderedComponent<ViewerToolbar> Toolbar(Action<ComponentParameterCollectionBuilder<ViewerToolbar>>? with = null) =>
        Context.Render<ViewerToolbar>(p =>
        {
            p.Add(t => t.LayoutChanged, n => heard.Add($"layout {n}"))
             .Add(t => t.ToolChanged, t => heard.Add($"tool {t}"))
             .Add(t => t.SyncChanged, on => heard.Add($"sync {on}"))
             .Add(t => t.AlignToggled, () => heard.Add("align"))
             .Add(t => t.OverlayChanged, o => heard.Add($"overlay {o.On} {o.Opacity}"))
             .Add(t => t.RiskToggled, () => heard.Add("risk"))
             .Add(t => t.HelpToggled, () => heard.Add("help"))
             .Add(t => t.Adjusted, a => heard.Add($"adjust {a.Brightness} {a.Contrast} {a.Gamma}"))
             .Add(t => t.Command, c => heard.Add($"command {c}"));
            with?.Invoke(p);
        });

    private static string? Pressed(IRenderedComponent<ViewerToolbar> toolbar, string testId) =>
        toolbar.Find($"[data-testid={testId}]").GetAttribute("aria-pressed");

    [Fact]
    public void The_current_layout_and_tool_are_pressed_and_no_other()
    {
        var toolbar = Toolbar(p => p.Add(t => t.Layout, 4).Add(t => t.Tool, "ruler").Add(t => t.Aligning, true));

        Assert.Equal(["false", "false", "true"], ViewerToolbar.Layouts.Select(n => Pressed(toolbar, $"layout-{n}")));
        Assert.Equal("true", Pressed(toolbar, "tool-ruler"));
        Assert.All(ViewerToolbar.Tools.Where(t => t != "ruler"), t => Assert.Equal("false", Pressed(toolbar, $"tool-{t}")));
        Assert.Equal("true", Pressed(toolbar, "align"));
    }

    [Fact]
    public void Pressing_a_layout_a_tool_or_a_command_reports_it_and_changes_nothing_by_itself()
    {
        var toolbar = Toolbar(p => p.Add(t => t.Sync, true)); // synchronized, as the viewer opens

        toolbar.Find("[data-testid=layout-1]").Click();
        toolbar.Find("[data-testid=tool-calibrate]").Click();
        toolbar.Find("[data-testid=rotate-left]").Click();
        toolbar.Find("[data-testid=reset]").Click();
        toolbar.Find("[data-testid=sync]").Change(false);

        Assert.Equal(["layout 1", "tool calibrate", "command RotateLeft", "command Reset", "sync False"], heard);
        Assert.Equal("true", Pressed(toolbar, "layout-2")); // the page decides: until it says so, layout 2 stays pressed
    }

    [Fact]
    public void The_opacity_slider_is_there_only_with_the_overlay_and_moves_it()
    {
        Assert.Empty(Toolbar().FindAll("[data-testid=opacity]"));

        var overlaid = Toolbar(p => p.Add(t => t.Overlay, true).Add(t => t.Opacity, 0.5));
        overlaid.Find("[data-testid=opacity]").Input("0.75");
        overlaid.Find("[data-testid=overlay]").Change(false);

        Assert.Equal(["overlay True 0.75", "overlay False 0.5"], heard);
    }

    [Fact]
    public void The_risk_button_is_offered_only_to_readers_who_may_see_scores()
    {
        Assert.Empty(Toolbar(p => p.Add(t => t.RiskVisible, false)).FindAll("[data-testid=risk]"));

        var toolbar = Toolbar(p => p.Add(t => t.RiskVisible, true).Add(t => t.ShowRisk, true));
        Assert.Equal("true", Pressed(toolbar, "risk"));
        toolbar.Find("[data-testid=risk]").Click();
        Assert.Equal(["risk"], heard);
    }

    [Fact]
    public void Moving_one_adjustment_keeps_the_others()
    {
        var toolbar = Toolbar(p => p.Add(t => t.Adjustment, new ImageAdjustment(1.2, 0.9, 1)));

        toolbar.Find("[data-testid=gamma]").Input("1.5");

        Assert.Equal(["adjust 1.2 0.9 1.5"], heard);
    }

    [Theory]
    [InlineData("en", "Ruler", "Keyboard shortcuts")]
    [InlineData("fr", "Règle", "Raccourcis clavier")]
    public void Every_button_is_named_in_the_readers_language(string language, string ruler, string shortcuts)
    {
        UseLanguage(language);
        var toolbar = Toolbar();

        Assert.Equal(ruler, toolbar.Find("[data-testid=tool-ruler]").TextContent.Trim());
        Assert.StartsWith(shortcuts, toolbar.Find("[data-testid=help]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.All(toolbar.FindAll("button"), b => Assert.False(string.IsNullOrWhiteSpace(b.TextContent) && string.IsNullOrWhiteSpace(b.GetAttribute("aria-label")),
            $"a button without a name: {b.OuterHtml}"));
    }
}

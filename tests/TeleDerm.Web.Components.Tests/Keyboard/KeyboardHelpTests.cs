using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using TeleDerm.Web.Components;
using TeleDerm.Web.Components.Tests.Support;

namespace TeleDerm.Web.Components.Tests.Keyboard;

/// <summary>"?" lists the shortcuts of every page and of the page open, in the reader's language.</summary>
public sealed class KeyboardHelpTests : ComponentTestContext
{
    [Theory]
    [InlineData("worklist", "Shortcuts.Worklist")]
    [InlineData("worklist?status=Submitted", "Shortcuts.Worklist")]
    [InlineData("cases/0b1c2d3e-0000-0000-0000-000000000001/viewer?lesion=x", "Shortcuts.Viewer")]
    public void A_page_with_its_own_keys_lists_them_before_those_of_every_page(string path, string pageGroup)
    {
        Assert.Equal([pageGroup, "Shortcuts.Everywhere"], KeyboardShortcuts.ForPage(path).Select(g => g.Title));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dashboard")]
    [InlineData("cases/0b1c2d3e-0000-0000-0000-000000000001")]
    public void Other_pages_list_the_keys_of_every_page(string path)
    {
        Assert.Equal(["Shortcuts.Everywhere"], KeyboardShortcuts.ForPage(path).Select(g => g.Title));
    }

    [Fact]
    public void Pressing_question_mark_opens_the_list_for_the_page_and_again_or_escape_closes_it()
    {
        UseLanguage("fr");
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("worklist");
        var help = Context.Render<KeyboardHelp>();
        Assert.Empty(help.FindAll("[data-testid=help-panel]"));

        help.InvokeAsync(() => help.Instance.Key("?"));
        var panel = help.Find("[data-testid=help-panel]");
        Assert.Contains("Prendre la demande en charge", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sur toutes les pages", panel.TextContent, StringComparison.Ordinal);

        help.InvokeAsync(() => help.Instance.Key("Escape"));
        Assert.Empty(help.FindAll("[data-testid=help-panel]"));
        help.InvokeAsync(() => help.Instance.Key("?"));
        help.InvokeAsync(() => help.Instance.Key("?"));
        Assert.Empty(help.FindAll("[data-testid=help-panel]"));
    }

    [Fact]
    public void Every_shortcut_has_its_text_in_English_and_French()
    {
        var groups = new[] { KeyboardShortcuts.Everywhere, KeyboardShortcuts.Worklist, KeyboardShortcuts.Viewer };
        foreach (var language in new[] { "en", "fr" })
        {
            UseLanguage(language);
            var panel = Context.Render<ShortcutsPanel>(p => p.Add(s => s.Groups, groups));
            Assert.DoesNotContain("Shortcuts.", panel.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("Viewer.Help.", panel.Markup, StringComparison.Ordinal);
        }
    }
}

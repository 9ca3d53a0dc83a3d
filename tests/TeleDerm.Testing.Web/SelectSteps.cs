using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TeleDerm.Testing.Web;

/// <summary>Choosing in a MudBlazor select as a person does: open the list, click the option, see the list close.</summary>
public static class SelectSteps
{
    /// <summary>
    /// Opens the select inside the element <paramref name="testId"/> names and clicks the option whose text starts
    /// with <paramref name="optionText"/> ("L57.0" picks "L57.0 · Actinic keratosis").
    /// </summary>
    public static Task ChooseAsync(IPage page, string testId, string optionText) =>
        ChooseAsync(page, page.GetByTestId(testId).Locator(".mud-input-control").First, optionText);

    /// <summary>The same for the select named by its label ("Sex", "Urgency").</summary>
    public static Task ChooseByLabelAsync(IPage page, string label, string optionText) =>
        ChooseAsync(page, page.GetByLabel(label, new() { Exact = true }), optionText);

    private static async Task ChooseAsync(IPage page, ILocator select, string optionText)
    {
        await select.ClickAsync();
        var open = page.Locator(".mud-popover-open");
        var option = open.Locator(".mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(optionText)) }).First;
        await option.ClickAsync();
        await Assertions.Expect(open.Locator(".mud-list-item")).ToHaveCountAsync(0);
    }
}

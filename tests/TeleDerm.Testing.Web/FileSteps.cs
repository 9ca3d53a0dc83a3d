using Microsoft.Playwright;

namespace TeleDerm.Testing.Web;

/// <summary>Choosing files as a person does: once the page's file input is live (enabled), not before.</summary>
public static class FileSteps
{
    public static async Task ChooseAsync(ILocator input, params FilePayload[] files)
    {
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.SetInputFilesAsync(files);
    }

    public static async Task ChooseAsync(ILocator input, params string[] paths)
    {
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.SetInputFilesAsync(paths);
    }
}

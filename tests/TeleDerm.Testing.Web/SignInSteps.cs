using Microsoft.Playwright;
using TeleDerm.Testing;

namespace TeleDerm.Testing.Web;

/// <summary>What a person does to sign in, step by step, as reusable browser actions.</summary>
public static class SignInSteps
{
    public static async Task EnterPasswordAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task EnterCodeAsync(IPage page, string code)
    {
        // The password check is deliberately slow (PBKDF2): generous on a loaded machine.
        await page.WaitForURLAsync("**/account/login/two-factor**", new() { Timeout = 30_000 });
        await page.GetByLabel("Authentication code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    /// <summary>Signs in and waits until the home page is interactive (its circuit is up).</summary>
    public static async Task SignInAsync(IPage page, TestAccount account)
    {
        await EnterPasswordAsync(page, account);
        await EnterCodeAsync(page, AuthenticatorCodes.Next(account.AuthenticatorKey!));
        await page.WaitForSelectorAsync($"[data-testid=home-{account.Role}]");
        await WaitForInteractiveAsync(page);
    }

    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("main[data-interactive=true]");
}

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
        // The password check is deliberately slow (PBKDF2): generous on a loaded machine. The step waits for the code
        // field itself, not for a navigation event: under load in CI, WaitForURL missed a navigation that had happened
        // (the page stood on the code step, complete, while the wait ran out), failing unrelated journeys.
        var codeField = page.GetByLabel("Authentication code");
        try
        {
            await codeField.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"The password step did not lead to the code step: {await DescribeAsync(page)}", timeout);
        }
        await codeField.FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    /// <summary>Signs in and waits until the home page is interactive (its circuit is up); <paramref name="clock"/> is the app's, when a test moves it.</summary>
    public static async Task SignInAsync(IPage page, TestAccount account, TimeProvider? clock = null)
    {
        await EnterPasswordAsync(page, account);
        await EnterCodeAsync(page, AuthenticatorCodes.Next(account.AuthenticatorKey!, clock));
        await page.WaitForSelectorAsync($"[data-testid=home-{account.Role}]");
        await WaitForInteractiveAsync(page);
    }

    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("main[data-interactive=true]");

    /// <summary>Where the page is and what it says, for a failure message that explains itself.</summary>
    private static async Task<string> DescribeAsync(IPage page)
    {
        try
        {
            var text = await page.EvaluateAsync<string>(
                "() => `${document.readyState}; email='${document.getElementById('email')?.value ?? '-'}'; pending=` + "
                + "performance.getEntriesByType('resource').filter(r => r.responseEnd === 0).map(r => r.name).join(',') + '; ' + (document.body?.innerText ?? '')");
            return $"at {page.Url}: {(text.Length > 600 ? text[..600] : text)}";
        }
        catch (PlaywrightException error)
        {
            return $"at {page.Url} (page unreadable: {error.Message})";
        }
    }
}

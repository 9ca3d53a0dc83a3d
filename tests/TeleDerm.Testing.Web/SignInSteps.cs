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
        // The password check is deliberately slow (PBKDF2): generous on a loaded machine. Only the navigation's commit
        // is awaited: twice in CI the code page's URL was reached but its "load" event did not come within 30 s, and
        // what the step needs is the code field, which the fill below waits for.
        try
        {
            await page.WaitForURLAsync("**/account/login/two-factor**", new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"The password step did not lead to the code step: {await DescribeAsync(page)}", timeout);
        }
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

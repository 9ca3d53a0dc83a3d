using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Security.Tests;

/// <summary>The attacked app and a headless Chromium, for attacks from a tab that was already open.</summary>
public sealed class AttackedAppWithBrowser : AttackedApp
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (playwright, Browser) = await HeadlessChromium.LaunchAsync();
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }

    public async Task<IPage> SignedInPageAsync(TestAccount account)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await SignInSteps.SignInAsync(page, account);
        return page;
    }
}

/// <summary>
/// Item 1 of the penetration test, as it was seen: a dermatologist disabled while their worklist was open went
/// on claiming from that tab. Now the click that follows the administrator's change acts as nobody.
/// </summary>
public sealed class OpenTabAttacks(AttackedAppWithBrowser app) : IClassFixture<AttackedAppWithBrowser>
{
    [Fact]
    public async Task A_worklist_open_before_the_account_was_disabled_claims_nothing_and_falls_back_to_sign_in()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var page = await app.SignedInPageAsync(dermatologist);
        await page.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(page);
        var claim = page.GetByTestId($"claim-{@case.Reference}");
        await claim.WaitForAsync();

        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.SetDisabledAsync(admin, dermatologist.Id, disabled: true));
        try
        {
            await claim.ClickAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // On a loaded machine the circuit's own revalidation (every 5 s) may sign the tab out before the click
            // lands: the button is gone with the page. Either way the tab must claim nothing and end on sign-in.
        }

        await page.WaitForURLAsync("**/account/login**");
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id);
        Assert.Null(stored.AssignedDermatologistId);
        Assert.Equal(CaseStatus.Submitted, stored.Status);
    }

    [Fact]
    public async Task A_page_left_open_without_a_click_ends_on_sign_in_soon_after_the_account_is_disabled()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var page = await app.SignedInPageAsync(dermatologist);
        await page.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(page);

        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.SetDisabledAsync(admin, dermatologist.Id, disabled: true));

        // The periodic re-check (every 5 s, read with the other open pages' accounts) signs the page out on its own.
        await page.WaitForURLAsync("**/account/login**", new() { Timeout = 30_000 });
        Assert.Equal(0, await page.GetByTestId("worklist").CountAsync());
    }
}

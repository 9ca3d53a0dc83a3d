using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Accounts;

public sealed class SignInTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData(Roles.GP)]
    [InlineData(Roles.Dermatologist)]
    [InlineData(Roles.DepartmentHead)]
    [InlineData(Roles.Admin)]
    public async Task Each_role_signs_in_with_password_and_code_and_reaches_its_home_page(string role)
    {
        var account = await TestAccounts.CreateAsync(app.Services, role);
        var session = app.CreateSession();
        await session.SignInAsync(account);
        var (response, html) = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-testid=\"home-{role}\"", html, StringComparison.Ordinal);
        await app.AssertAuditedAsync(AuditActions.SignInTwoFactor, AuditOutcome.Success, account.Email);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_audited()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var session = app.CreateSession();
        var response = await session.PostPasswordAsync(account.Email, "not-the-password");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not correct.", html, StringComparison.Ordinal);
        await app.AssertAuditedAsync(AuditActions.SignIn, AuditOutcome.Failure, account.Email);
        Assert.Equal(HttpStatusCode.Found, (await session.GetAsync("/")).Response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_message_as_a_wrong_password()
    {
        var response = await app.CreateSession().PostPasswordAsync("nobody@test.example", "whatever-password");
        Assert.Contains("The email or password is not correct.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_a_clear_message_and_audited()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var session = app.CreateSession();
        await session.PostPasswordAsync(account.Email, account.Password);
        var wrong = AuthenticatorCodes.Current(account.AuthenticatorKey!) == "000000" ? "111111" : "000000";
        var response = await session.PostCodeAsync(wrong);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This code is not valid or has already been used.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.AssertAuditedAsync(AuditActions.SignInTwoFactor, AuditOutcome.Failure, account.Email);
        Assert.Equal(HttpStatusCode.Found, (await session.GetAsync("/")).Response.StatusCode);
    }

    [Fact]
    public async Task A_code_that_was_already_used_is_refused()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var code = AuthenticatorCodes.Next(account.AuthenticatorKey!);
        var first = app.CreateSession();
        await first.PostPasswordAsync(account.Email, account.Password);
        Assert.Equal("/", FormSession.Location(await first.PostCodeAsync(code)));

        var second = app.CreateSession();
        await second.PostPasswordAsync(account.Email, account.Password);
        var replay = await second.PostCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already been used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_failures_make_the_next_try_wait_even_for_the_right_password()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var session = app.CreateSession();
        for (var i = 0; i < 5; i++)
        {
            await session.PostPasswordAsync(account.Email, "wrong-password-" + i);
        }
        var response = await session.PostPasswordAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed attempts: try again in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.AssertAuditedAsync(AuditActions.SignIn, AuditOutcome.Denied, account.Email);
        // No hard lock: Identity's failure count stayed at zero, so strangers cannot lock the account out.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TeleDermUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByIdAsync(account.Id))!));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_is_told_so_only_with_the_right_password()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
            var user = await users.FindByIdAsync(account.Id);
            user!.IsDisabled = true;
            await users.UpdateAsync(user);
        }
        var session = app.CreateSession();
        var wrong = await session.PostPasswordAsync(account.Email, "not-the-password");
        Assert.Contains("The email or password is not correct.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await session.PostPasswordAsync(account.Email, account.Password);
        Assert.Contains("This account is disabled.", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.AssertAuditedAsync(AuditActions.SignIn, AuditOutcome.Denied, account.Email);
    }

    [Fact]
    public async Task A_forged_antiforgery_token_is_rejected_audited_and_signs_nobody_in()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.GP, enrolTwoFactor: false);
        var session = app.CreateSession();
        var response = await session.SubmitAsync("/account/login", "login",
            new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password },
            tamper: token => "CfDJ8" + new string('A', token.Length - 5));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await app.AssertAuditedAsync(AuditActions.AntiforgeryRejected, AuditOutcome.Denied);
        Assert.DoesNotContain(await app.AuditEntriesAsync(), e => e.Action == AuditActions.SignIn && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task A_GP_opening_an_admin_page_is_sent_to_access_denied_and_audited()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var session = app.CreateSession();
        await session.SignInAsync(account);
        var (response, _) = await session.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/account/access-denied", FormSession.Location(response), StringComparison.Ordinal);
        var denied = await app.AssertAuditedAsync(AuditActions.AccessDenied, AuditOutcome.Denied, account.Email);
        Assert.Equal("GET /admin/users", denied.Details);
    }

    [Fact]
    public async Task A_user_without_two_factor_is_sent_to_enrolment_and_can_enrol()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist, enrolTwoFactor: false);
        var session = app.CreateSession();
        await session.SignInAsync(account);
        var (home, _) = await session.GetAsync("/");
        Assert.Equal("/account/two-factor/enroll", FormSession.Location(home));

        var (page, html) = await session.GetAsync("/account/two-factor/enroll");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        var key = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"manual-key\">([a-z2-7 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(32, key.Length);

        var enrolled = await session.SubmitAsync("/account/two-factor/enroll", "enroll", new Dictionary<string, string> { ["Input.Code"] = AuthenticatorCodes.Next(key) });
        var enrolledHtml = await enrolled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recovery-codes\"", enrolledHtml, StringComparison.Ordinal);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(enrolledHtml, "<li><code>").Count);
        await app.AssertAuditedAsync(AuditActions.TwoFactorEnabled, AuditOutcome.Success, account.Email);
        var (after, afterHtml) = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("data-testid=\"home-Dermatologist\"", afterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_page_without_a_pending_sign_in_says_the_sign_in_expired()
    {
        var (response, html) = await app.CreateSession().GetAsync("/account/login/two-factor");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your sign-in took too long and has expired.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var session = app.CreateSession();
        await session.SignInAsync(account);
        var signOut = await session.SubmitAsync("/", "account/logout", new Dictionary<string, string> { ["reason"] = "idle" });
        Assert.Equal("/account/login?reason=idle", FormSession.Location(signOut));
        await app.AssertAuditedAsync(AuditActions.SignOutIdle, AuditOutcome.Success, account.Email);
        Assert.Equal(HttpStatusCode.Found, (await session.GetAsync("/")).Response.StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.GP, enrolTwoFactor: false);
        var session = app.CreateSession();
        var response = await session.SubmitAsync("/account/login?returnUrl=%2F%2Fevil.example%2F", "login",
            new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.Equal("/", FormSession.Location(response));
    }
}

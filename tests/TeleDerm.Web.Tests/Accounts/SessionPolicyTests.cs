using System.Net;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Accounts;

public sealed class SessionPolicyTests
{
    [Fact]
    public async Task A_session_without_requests_for_longer_than_the_idle_timeout_has_expired()
    {
        var clock = new AdjustableClock();
        using var app = new TeleDermAppFactory(clock: clock);
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var session = app.CreateSession();
        await session.SignInAsync(account, clock);
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).Response.StatusCode); // sliding: renewed
        clock.Advance(TimeSpan.FromMinutes(16));
        var (expired, _) = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, expired.StatusCode);
        Assert.StartsWith("/account/login", FormSession.Location(expired), StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_a_GP_without_two_factor_must_enrol()
    {
        using var app = new TeleDermAppFactory();
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP, enrolTwoFactor: false);
        var session = app.CreateSession();
        await session.PostPasswordAsync(gp.Email, gp.Password);
        Assert.Equal("/account/two-factor/enroll", FormSession.Location((await session.GetAsync("/")).Response));
    }

    [Fact]
    public async Task The_setting_may_relax_two_factor_for_GPs_and_for_GPs_only()
    {
        using var app = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:Security:RequireTwoFactorForGPs"] = "false" });
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP, enrolTwoFactor: false);
        var gpSession = app.CreateSession();
        await gpSession.PostPasswordAsync(gp.Email, gp.Password);
        var (home, html) = await gpSession.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("data-testid=\"home-GP\"", html, StringComparison.Ordinal);

        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist, enrolTwoFactor: false);
        var dermatologistSession = app.CreateSession();
        await dermatologistSession.PostPasswordAsync(dermatologist.Email, dermatologist.Password);
        Assert.Equal("/account/two-factor/enroll", FormSession.Location((await dermatologistSession.GetAsync("/")).Response));
    }
}

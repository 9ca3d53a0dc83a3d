using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Security.Tests;

/// <summary>Item 6 of the penetration test: sessions end when people sign out, and no other site can post for them.</summary>
public sealed class SessionAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_opens_nothing_after_it()
    {
        var head = await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var (session, cookies) = await app.SignedInAsync(head);
        var stolen = new CookieContainer();
        stolen.Add(cookies.GetAllCookies());
        var thief = app.CreateClient(stolen);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/dashboard")).StatusCode);

        var signOut = await session.SubmitAsync("/", "logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        foreach (var page in new[] { "/dashboard", "/account/two-factor/enroll" })
        {
            var replay = await thief.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
            Assert.StartsWith("/account/login", FormSession.Location(replay), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Posts_to_account_endpoints_without_TeleDerm_s_form_token_are_refused_and_audited()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var (session, _) = await app.SignedInAsync(gp);

        // What another site's hidden form would send with the user's cookie.
        var preferences = await session.Client.PostAsync("/account/preferences/save", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "fr", ["theme"] = "dark" }));
        var logout = await session.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, preferences.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/my-cases")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        Assert.Equal("en", (await db.Users.SingleAsync(u => u.Id == gp.Id)).PreferredCulture);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.UserId == gp.Id && e.Action == AuditActions.AntiforgeryRejected));
    }
}

using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Testing;
using TeleDerm.Core.Administration;
using TeleDerm.Web.Features.Account;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Admin;

public sealed class UserAdministrationTests : IDisposable
{
    private readonly AdjustableClock clock = new();
    private readonly TeleDermAppFactory app;

    public UserAdministrationTests() => app = new TeleDermAppFactory(clock: clock);

    public void Dispose() => app.Dispose();

    /// <summary>Runs an administrator's operation as <paramref name="admin"/>, the way the users page does.</summary>
    private async Task<T> AsAdminAsync<T>(TestAccount admin, Func<UserAdministration, Actor, Task<T>> operation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<UserAdministration>(),
            new Actor(admin.Id, admin.Email, Roles.Admin, null, null, "10.0.0.9"));
    }

    private Task AsAdminAsync(TestAccount admin, Func<UserAdministration, Actor, Task> operation) =>
        AsAdminAsync(admin, async (administration, actor) => { await operation(administration, actor); return true; });

    [Fact]
    public async Task An_invited_user_sets_a_password_and_must_then_enrol_two_factor()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist); // creates the department
        var department = (await AsAdminAsync(admin, (a, actor) => a.ListAsync(actor))).First(u => u.Id == dermatologist.Id).Organisation;
        Assert.NotNull(department);
        Guid departmentId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            departmentId = (await scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>().FindByIdAsync(dermatologist.Id))!.DepartmentId!.Value;
        }

        var link = InvitationLinks.PathFor(await AsAdminAsync(admin, (a, actor) => a.InviteAsync(actor, new InviteRequest("new.derm@test.example", "Dr New", Roles.Dermatologist, departmentId))));
        await app.AssertAuditedAsync(AuditActions.UserInvited, AuditOutcome.Success, admin.Email);

        var visitor = app.CreateSession();
        var mismatch = await visitor.SubmitAsync(link, "invitation", new Dictionary<string, string> { ["Input.Password"] = "Brand-New-Pass-1", ["Input.Confirm"] = "Other-Pass-2" });
        Assert.Contains("The two passwords are different.", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var accepted = await visitor.SubmitAsync(link, "invitation", new Dictionary<string, string> { ["Input.Password"] = "Brand-New-Pass-1", ["Input.Confirm"] = "Brand-New-Pass-1" });
        Assert.Contains("Your password is set.", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.AssertAuditedAsync(AuditActions.PasswordSet, AuditOutcome.Success, "new.derm@test.example");

        var reused = await app.CreateSession().SubmitAsync(link, "invitation", new Dictionary<string, string> { ["Input.Password"] = "Another-Pass-33", ["Input.Confirm"] = "Another-Pass-33" });
        Assert.Contains("This invitation link is not valid or has already been used.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var session = app.CreateSession();
        Assert.Equal(HttpStatusCode.Found, (await session.PostPasswordAsync("new.derm@test.example", "Brand-New-Pass-1")).StatusCode);
        Assert.Equal("/account/two-factor/enroll", FormSession.Location((await session.GetAsync("/")).Response));
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_the_rule_it_breaks()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var link = InvitationLinks.PathFor(await AsAdminAsync(admin, (a, actor) => a.InviteAsync(actor, new InviteRequest("weak@test.example", "Weak", Roles.Admin, null))));
        var response = await app.CreateSession().SubmitAsync(link, "invitation", new Dictionary<string, string> { ["Input.Password"] = "short", ["Input.Confirm"] = "short" });
        Assert.Contains("Passwords must be at least 12 characters.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session_within_a_minute()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var session = app.CreateSession();
        await session.SignInAsync(gp, clock);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).Response.StatusCode);

        await AsAdminAsync(admin, (a, actor) => a.SetDisabledAsync(actor, gp.Id, disabled: true));
        await app.AssertAuditedAsync(AuditActions.UserDisabled, AuditOutcome.Success, admin.Email);
        clock.Advance(TimeSpan.FromSeconds(61));
        var (after, _) = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.StartsWith("/account/login", FormSession.Location(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_or_demote_themselves()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var disable = await Assert.ThrowsAsync<AdministrationException>(() => AsAdminAsync(admin, (a, actor) => a.SetDisabledAsync(actor, admin.Id, true)));
        Assert.Equal("You cannot disable your own account; ask another administrator.", disable.Message);
        await Assert.ThrowsAsync<AdministrationException>(() => AsAdminAsync(admin, (a, actor) => a.ChangeRoleAsync(actor, admin.Id, Roles.GP, null)));
    }

    [Fact]
    public async Task Resetting_two_factor_sends_the_user_back_to_enrolment()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await AsAdminAsync(admin, (a, actor) => a.ResetTwoFactorAsync(actor, dermatologist.Id));
        var entry = await app.AssertAuditedAsync(AuditActions.TwoFactorReset, AuditOutcome.Success, admin.Email);
        Assert.Equal(dermatologist.Id, entry.RecordId);

        var session = app.CreateSession();
        var password = await session.PostPasswordAsync(dermatologist.Email, dermatologist.Password);
        Assert.Equal("/", FormSession.Location(password)); // no second step any more...
        Assert.Equal("/account/two-factor/enroll", FormSession.Location((await session.GetAsync("/")).Response)); // ...so enrolment first
    }

    [Fact]
    public async Task A_role_change_is_audited_with_before_and_after_and_takes_effect()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var head = await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        await AsAdminAsync(admin, (a, actor) => a.ChangeRoleAsync(actor, head.Id, Roles.Admin, null));
        var entry = await app.AssertAuditedAsync(AuditActions.RoleChanged, AuditOutcome.Success, admin.Email);
        Assert.EndsWith("DepartmentHead -> Admin", entry.Details, StringComparison.Ordinal);
        Assert.Equal("10.0.0.9", entry.IpAddress);

        var session = app.CreateSession();
        await session.SignInAsync(head with { Role = Roles.Admin }, clock);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/users")).Response.StatusCode);
    }

    [Fact]
    public async Task The_audit_export_is_a_CSV_of_the_filtered_entries_and_is_itself_audited()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var session = app.CreateSession();
        await session.SignInAsync(admin, clock);
        var today = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await session.Client.GetAsync($"/admin/audit/export.csv?from={today}&to={today}&action=account.sign-in");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.Equal(2, lines.Length - 1); // password step and code step
        Assert.All(lines.Skip(1), l => Assert.Contains(",account.sign-in", l, StringComparison.Ordinal));
        await app.AssertAuditedAsync(AuditActions.AuditExported, AuditOutcome.Success, admin.Email);

        var bad = await session.Client.GetAsync("/admin/audit/export.csv?from=22/11/2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("yyyy-MM-dd", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

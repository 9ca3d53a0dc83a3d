using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Features.Viewer;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 1 of the penetration test: a person disabled, demoted or moved by an administrator keeps nothing of
/// their old rights, whether through a cookie they kept, a command issued with the rights they had, or their
/// practice's API key.
/// </summary>
public sealed class RevocationAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    [Fact]
    public async Task A_disabled_dermatologist_s_session_opens_nothing_at_its_next_request()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (session, _) = await app.SignedInAsync(dermatologist);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/worklist")).StatusCode);

        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.SetDisabledAsync(admin, dermatologist.Id, disabled: true));

        var worklist = await session.Client.GetAsync("/worklist");
        Assert.Equal(HttpStatusCode.Redirect, worklist.StatusCode);
        Assert.StartsWith("/account/login", FormSession.Location(worklist), StringComparison.Ordinal);
        // Machine endpoints (images) answer 401 rather than a page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync($"{ViewerUrls.DicomWebRoot}/studies/1.2/series/1.2/instances/1.2/thumbnail")).StatusCode);
    }

    [Fact]
    public async Task A_dermatologist_demoted_to_GP_loses_the_worklist_at_the_next_request()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (session, _) = await app.SignedInAsync(dermatologist);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/worklist")).StatusCode);

        var practice = await app.PracticeAsync("Demotion practice " + Guid.NewGuid().ToString("N")[..6]);
        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.ChangeRoleAsync(admin, dermatologist.Id, Roles.GP, practice.Id));

        var worklist = await session.Client.GetAsync("/worklist");
        Assert.Equal(HttpStatusCode.Redirect, worklist.StatusCode);
        Assert.StartsWith("/account/login", FormSession.Location(worklist), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_issued_with_rights_taken_away_since_is_refused_and_audited()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var asSignedIn = new Actor(dermatologist.Id, dermatologist.Email, Roles.Dermatologist, @case.DepartmentId, null, "127.0.0.1");

        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.SetDisabledAsync(admin, dermatologist.Id, disabled: true));
        var claim = await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(@case.Id, asSignedIn);

        Assert.False(claim.Succeeded);
        Assert.Equal(ActorStanding.RightsChanged, claim.Error);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        Assert.Null((await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).AssignedDermatologistId);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "case.claim" && e.UserId == dermatologist.Id && e.Outcome == AuditOutcome.Denied));
    }

    [Fact]
    public async Task An_administrator_disabled_with_the_users_page_open_can_change_no_one()
    {
        var formerAdmin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var asSignedIn = new Actor(formerAdmin.Id, formerAdmin.Email, Roles.Admin, null, null, "127.0.0.1");
        var victim = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.SetDisabledAsync(admin, formerAdmin.Id, disabled: true));

        await using var scope = app.Services.CreateAsyncScope();
        var refused = await Assert.ThrowsAsync<AdministrationException>(() =>
            scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(asSignedIn, victim.Id, disabled: true));
        var keyRefused = await Assert.ThrowsAsync<AdministrationException>(() =>
            scope.ServiceProvider.GetRequiredService<PracticeApiKeys>().ListAsync(asSignedIn));

        Assert.Equal("AdminError.NotAdministrator", refused.Refusal.Key);
        Assert.Equal("AdminError.NotAdministrator", keyRefused.Refusal.Key);
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        Assert.False((await db.Users.SingleAsync(u => u.Id == victim.Id)).IsDisabled);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccessDenied && e.UserId == formerAdmin.Id && e.Outcome == AuditOutcome.Denied));
    }

    [Fact]
    public async Task A_dermatologist_disabled_with_the_answer_form_open_cannot_sign_even_with_the_right_password()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (caseId, tab) = await app.ClaimedCaseInOpenTabAsync(dermatologist);
        await using var _ = tab;
        await app.AsAdministratorAsync<UserAdministration>((administration, admin) => administration.SetDisabledAsync(admin, dermatologist.Id, disabled: true));

        var signed = await tab.ServiceProvider.GetRequiredService<ReportSigningService>().AnswerAndSignAsync(tab.ServiceProvider.GetRequiredService<CurrentActor>().Actor, caseId,
            new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "Benign.", null, []), TestAccounts.Password);

        Assert.False(signed.Succeeded);
        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<SignedReport>().AnyAsync(r => r.CaseId == caseId));
    }

    [Fact]
    public async Task A_disabled_practice_s_API_key_and_GP_sessions_stop_at_once()
    {
        var practice = await app.PracticeAsync("Leaving practice " + Guid.NewGuid().ToString("N")[..6]);
        var before = await app.SubmitCaseAsync(practice.ApiKey, IntakeApiRequests.Json(practice.Gp.Email, IntakeApiRequests.Patient(nationalHealthId: null)));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        var (gpSession, _) = await app.SignedInAsync(practice.Gp);

        await app.AsAdministratorAsync<OrganisationAdministration>((administration, admin) => administration.SetPracticeDisabledAsync(admin, practice.Id, disabled: true));

        var after = await app.SubmitCaseAsync(practice.ApiKey, IntakeApiRequests.Json(practice.Gp.Email));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await gpSession.Client.GetAsync("/my-cases")).StatusCode);

        await app.AsAdministratorAsync<OrganisationAdministration>((administration, admin) => administration.SetPracticeDisabledAsync(admin, practice.Id, disabled: false));
        var again = await app.SubmitCaseAsync(practice.ApiKey, IntakeApiRequests.Json(practice.Gp.Email, IntakeApiRequests.Patient(givenName: "Jean", nationalHealthId: null)));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.Reports;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 5 of the penetration test, for signing: someone at an unattended, signed-in workstation guesses the
/// password or the authenticator code that signing asks for. Each wrong guess counts toward the account's
/// lockout, exactly as at sign-in, and once locked even the right password signs nothing.
/// </summary>
public sealed class SigningBruteForceAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    [Fact]
    public async Task Wrong_codes_and_passwords_at_signing_lock_the_account_and_are_audited()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (caseId, tab) = await app.ClaimedCaseInOpenTabAsync(dermatologist);
        await using var _ = tab;
        var users = tab.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
        var signing = tab.ServiceProvider.GetRequiredService<ReportSigningService>();
        var actor = tab.ServiceProvider.GetRequiredService<CurrentActor>().Actor;
        var draft = new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "Benign.", null, []);
        var attempts = users.Options.Lockout.MaxFailedAccessAttempts;

        var guesses = new List<AnswerResult>();
        for (var i = 0; i < attempts; i++)
        {
            guesses.Add(await signing.AnswerAndSignAsync(actor, caseId, draft, i % 2 == 0 ? $"{i:000000}" : $"Wrong-password-{i}"));
        }
        var withTheRightPassword = await signing.AnswerAndSignAsync(actor, caseId, draft, TestAccounts.Password);

        Assert.All(guesses, g => Assert.False(g.Succeeded));
        Assert.Equal("Reports.Error.LockedOut", guesses[^1].Refusal!.Key);
        Assert.False(withTheRightPassword.Succeeded);
        Assert.Equal("Reports.Error.LockedOut", withTheRightPassword.Refusal!.Key);
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        Assert.False(await db.Set<SignedReport>().AnyAsync(r => r.CaseId == caseId));
        Assert.True(await check.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>().IsLockedOutAsync((await db.Users.SingleAsync(u => u.Id == dermatologist.Id))));
        Assert.Equal(attempts + 1, await db.AuditEntries.CountAsync(e => e.UserId == dermatologist.Id && e.Action == AuditActions.SignConfirmation));
    }
}

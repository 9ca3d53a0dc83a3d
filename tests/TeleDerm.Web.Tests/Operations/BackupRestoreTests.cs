extern alias cli;

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using cli::TeleDerm.Cli.Commands;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Intake;
using TeleDerm.Core.Reports;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Images;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Operations;

/// <summary>
/// docs/operations.md, tried: a backup taken while the app runs, restored into a new data folder, gives back every
/// case, image and signed report as they were at the backup, with the audit chain intact.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly TeleDermAppFactory running = new();
    private readonly string backup = Path.Combine(Directory.CreateTempSubdirectory("teleDerm-backup-").FullName, "copy");

    public void Dispose() => running.Dispose();

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_every_case_image_and_signed_report_with_the_audit_chain_intact()
    {
        _ = running.CreateClient();
        var (caseId, report) = await AnsweredCaseAsync();

        var copied = BackupCommands.Create(running.DataDirectory, backup);
        Assert.True(copied.Files >= 4, $"{copied.Files} files copied");
        // After the backup: not in it.
        var later = await SubmitAsync(await GpAsync());
        running.Dispose();

        using var restored = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:DataDirectory"] = backup });
        _ = restored.CreateClient();
        await using var scope = restored.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var @case = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId);
        Assert.Equal(CaseStatus.Answered, @case.Status);
        Assert.False(await db.Set<TeleExpertiseCase>().AnyAsync(c => c.Id == later));

        var store = restored.Services.GetRequiredService<IDicomStore>();
        foreach (var image in await db.Set<LesionImage>().Where(i => i.CaseId == caseId).ToListAsync())
            Assert.NotNull(await store.RetrieveFrameAsync(StoredFrames.Key(image), 1));

        var stored = await db.Set<SignedReport>().SingleAsync(r => r.CaseId == caseId);
        Assert.Equal(report, stored.Sha256);
        Assert.Equal(stored.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored.Pdf)));

        var audit = await restored.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        Assert.True(audit.IsIntact, audit.Problem);
        Assert.True(audit.EntriesChecked >= 3, $"{audit.EntriesChecked} audit entries checked");
    }

    [Fact]
    public void A_backup_never_goes_over_an_earlier_one()
    {
        _ = running.CreateClient();
        Directory.CreateDirectory(backup);
        File.WriteAllText(Path.Combine(backup, "earlier.txt"), "an earlier backup");
        var console = new cli::TeleDerm.Cli.CliConsole(new StringWriter(), new StringWriter());

        Assert.Equal(1, BackupCommands.Run(["--data", running.DataDirectory, "--to", backup], console));
        Assert.Contains("not empty", console.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal("an earlier backup", File.ReadAllText(Path.Combine(backup, "earlier.txt")));
    }

    private Task<TestSubmitter> GpAsync() => TestSubmitter.NewGpAsync(running.Services);

    private async Task<Guid> SubmitAsync(TestSubmitter gp)
    {
        var result = await running.Services.GetRequiredService<IntakeService>().SubmitAsync(new IntakeRequest(
            new PatientInput("Roux", "Anne", new DateOnly(1980, 1, 2), Sex.Female), "Changing mole on the left arm, please advise.",
            new Questionnaire(), Urgency.Routine, null, true,
            [new LesionInput("77568009", Laterality.Left, null, [new PhotoInput("a.jpg", ImageKind.Dermoscopic, RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg"))])],
            SamePatientConfirmed: true), gp);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.CaseId!.Value;
    }

    private async Task<(Guid CaseId, string ReportSha256)> AnsweredCaseAsync()
    {
        var caseId = await SubmitAsync(await GpAsync());
        var account = await TestAccounts.CreateAsync(running.Services, Roles.Dermatologist);
        Guid department;
        await using (var scope = running.Services.CreateAsyncScope())
        {
            department = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId)).DepartmentId;
        }
        var dermatologist = new Actor(account.Id, account.Email, Roles.Dermatologist, department, null, null);
        Assert.True((await running.Services.GetRequiredService<CaseCommands>().ClaimAsync(caseId, dermatologist)).Succeeded);
        var signed = await running.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist,
            new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "Benign; no follow-up needed.", null, []),
            running.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);
        return (caseId, signed.Report!.Sha256);
    }
}

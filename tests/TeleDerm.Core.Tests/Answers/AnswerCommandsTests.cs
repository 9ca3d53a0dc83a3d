using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Notifications;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Core.Tests.Data;
using TeleDerm.Core.Tests.Scoring;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Answers;

public abstract class AnswerCommandsTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessCaseEvents events = new();

    private AuditTrail Audit() => new(database, clock, NullLogger<AuditTrail>.Instance);
    private AnswerCommands Answers() => new(database, Audit(), events, clock, Options.Create(new ServiceLevels()));
    private CaseCommands Commands() => new(database, Audit(), events, clock, Options.Create(new ServiceLevels()));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm@test.example", Roles.Dermatologist, CaseBuilder.Department, null, null));

    /// <summary>Stands in for the web host's PDF signer: returns fixed bytes and records what it was asked.</summary>
    private sealed class RecordingSigner(Exception? failure = null) : IReportSigner
    {
        public static readonly byte[] Pdf = "%PDF-1.7 signed report bytes"u8.ToArray();
        public List<(CaseAnswer Answer, string Number, SignedReport? AddendumOf)> Calls { get; } = [];

        public Task<SignedReportFile> SignAsync(TeleExpertiseCase @case, CaseAnswer answer, string reportNumber, DateTime signingTimeUtc,
            SignedReport? addendumOf, CancellationToken cancellationToken)
        {
            Calls.Add((answer, reportNumber, addendumOf));
            return failure is null ? Task.FromResult(new SignedReportFile(Pdf, "AB12", "fr", "1.2.3.4")) : Task.FromException<SignedReportFile>(failure);
        }
    }

    private static AnswerDraft Draft(Management management = Management.Prescription, int? months = null, params PrescriptionDraft[] lines) =>
        new("L57.0", "Actinic keratosis", DiagnosticConfidence.High, management, months,
            "Treat with fluorouracil.", "Use sunscreen.",
            lines.Length > 0 ? lines : management == Management.Prescription ? [new("Fluorouracil cream", "5 %", "once a day", "3 weeks", null)] : []);

    private async Task<TeleExpertiseCase> ClaimedCaseAsync()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        await using (var db = database.CreateDbContext())
        {
            db.Add(@case);
            await db.SaveChangesAsync();
        }
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        return @case;
    }

    [Fact]
    public async Task The_answer_and_its_signed_report_are_stored_together_audited_and_the_GP_is_told()
    {
        var @case = await ClaimedCaseAsync();
        var received = new List<CaseEvent>();
        using var _ = events.Subscribe(received.Add);
        var signer = new RecordingSigner();

        var result = await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, Draft(), signer);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{@case.Reference}-R1", Assert.Single(signer.Calls).Number);
        await using var db = database.CreateDbContext();
        var stored = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id);
        Assert.Equal(CaseStatus.Answered, stored.Status);
        // What the dashboard counts, recorded on the case row itself.
        Assert.Equal(clock.GetUtcNow().UtcDateTime, stored.EndedAtUtc);
        Assert.Equal(CaseOutcome.ResolvedRemotely, stored.Outcome); // a prescription spares the patient a visit
        var answer = await db.Set<CaseAnswer>().Include(a => a.Prescription).SingleAsync(a => a.CaseId == @case.Id);
        Assert.Equal("L57.0", answer.DiagnosisCode);
        Assert.Equal("Fluorouracil cream", Assert.Single(answer.Prescription).Medicine);
        var report = await db.Set<SignedReport>().SingleAsync(r => r.CaseId == @case.Id);
        Assert.Equal(RecordingSigner.Pdf, report.Pdf);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RecordingSigner.Pdf)), report.Sha256);
        Assert.Equal("1.2.3.4", report.DicomSopInstanceUid);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, report.SignedAtUtc);
        Assert.Contains(received, e => e.CaseId == @case.Id && e.Kind == CaseEventKind.ReportSigned && e.SubmittedByUserId == @case.SubmittedByUserId);
        var audit = await db.AuditEntries.Where(e => e.Action == "report.signed").SingleAsync();
        Assert.Equal(AuditOutcome.Success, audit.Outcome);
        Assert.Contains(report.Sha256, audit.Details);
        // ...and told outside TeleDerm too: the notification was saved with the report (Notifications/NotificationDelivery).
        var notification = await db.Set<NotificationOutboxItem>().SingleAsync();
        Assert.Equal((NotificationKind.ReportSigned, @case.Id, @case.SubmittedByUserId), (notification.Kind, notification.CaseId, notification.RecipientUserId));
    }

    [Fact]
    public async Task A_risk_score_landing_while_signing_neither_refuses_nor_signs_twice()
    {
        var @case = await ClaimedCaseAsync();
        var imageId = await BackgroundScore.AddPendingImageAsync(database, @case, clock.GetUtcNow().UtcDateTime);
        var racing = new ActionBeforeFirstSave(database, () => BackgroundScore.RecordAsync(database, clock, imageId, 0.9));
        var answers = new AnswerCommands(racing, Audit(), events, clock, Options.Create(new ServiceLevels()));
        var signer = new RecordingSigner();

        var result = await answers.AnswerAndSignAsync(@case.Id, Dermatologist, Draft(), signer);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(racing.Ran);
        // One signature, so one Encapsulated PDF in the study: nothing signed again, no orphan instance.
        Assert.Single(signer.Calls);
        await using var db = database.CreateDbContext();
        var stored = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id);
        Assert.Equal((CaseStatus.Answered, 0.9), (stored.Status, stored.MaxRisk));
    }

    [Fact]
    public async Task An_invalid_answer_is_refused_field_by_field_and_nothing_is_signed_or_stored()
    {
        var @case = await ClaimedCaseAsync();
        var signer = new RecordingSigner();
        var draft = Draft(Management.PhotoFollowUp, months: 0) with { DiagnosisCode = "X99", MessageToGp = " " };

        var result = await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, draft, signer);

        Assert.False(result.Succeeded);
        Assert.Equal(["DiagnosisCode", "FollowUpMonths", "MessageToGp"], result.FieldErrors!.Keys.Order());
        Assert.Empty(signer.Calls);
        await using var db = database.CreateDbContext();
        Assert.Equal(CaseStatus.Claimed, (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).Status);
        Assert.False(await db.Set<CaseAnswer>().AnyAsync());
        Assert.False(await db.Set<SignedReport>().AnyAsync());
    }

    [Fact]
    public void Prescription_lines_are_checked_one_by_one()
    {
        var errors = AnswerValidation.Validate(Draft(Management.Prescription, null,
            new PrescriptionDraft("Emollient", "", "twice a day", "1 month", null),
            new PrescriptionDraft(" ", "", "", "2 weeks", new string('x', 1001))));
        Assert.Equal(["Prescription[1].Dose", "Prescription[1].Instructions", "Prescription[1].Medicine"], errors.Keys.Order());
        Assert.Equal("Answer.Error.PrescriptionMissing", AnswerValidation.Validate(Draft(Management.Prescription) with { Prescription = [] })["Prescription"]);
        Assert.Empty(AnswerValidation.Validate(Draft(Management.PhotoFollowUp, months: 6)));
    }

    [Fact]
    public async Task When_signing_fails_nothing_is_stored_and_the_failure_is_audited()
    {
        var @case = await ClaimedCaseAsync();
        var result = await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, Draft(), new RecordingSigner(new ReportSigningException("KeyUnreadable", "Your signing key could not be read; ask an administrator.")));

        Assert.False(result.Succeeded);
        Assert.Equal("Your signing key could not be read; ask an administrator.", result.Error);
        Assert.Equal("SigningError.KeyUnreadable", result.Refusal!.Key); // what the dermatologist reads, in their language
        await using var db = database.CreateDbContext();
        Assert.Equal(CaseStatus.Claimed, (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).Status);
        Assert.False(await db.Set<CaseAnswer>().AnyAsync());
        Assert.Equal(AuditOutcome.Failure, (await db.AuditEntries.SingleAsync(e => e.Action == "report.signed")).Outcome);
        Assert.False(await db.Set<NotificationOutboxItem>().AnyAsync());
    }

    [Fact]
    public async Task Only_the_dermatologist_who_claimed_the_case_can_answer_it()
    {
        var @case = await ClaimedCaseAsync();
        var colleague = TestPeople.Enrol(database, Dermatologist with { UserId = "derm-2" });
        var otherDepartment = TestPeople.Enrol(database, Dermatologist with { UserId = "derm-3", DepartmentId = Guid.NewGuid() });

        Assert.Equal("Only the dermatologist who claimed this case can do this.", (await Answers().AnswerAndSignAsync(@case.Id, colleague, Draft(), new RecordingSigner())).Error);
        Assert.Equal("This case does not exist or is not one you may act on.", (await Answers().AnswerAndSignAsync(@case.Id, otherDepartment, Draft(), new RecordingSigner())).Error);
        await using var db = database.CreateDbContext();
        Assert.False(await db.Set<SignedReport>().AnyAsync());
    }

    [Fact]
    public async Task A_dermatologist_moved_to_another_department_since_the_page_opened_cannot_sign_with_the_old_rights()
    {
        var @case = await ClaimedCaseAsync();
        var asTheTabStillSays = Dermatologist;
        await using (var db = database.CreateDbContext())
        {
            var elsewhere = new Department { Id = Guid.NewGuid(), Name = "Elsewhere" };
            db.Departments.Add(elsewhere);
            (await db.Users.SingleAsync(u => u.Id == asTheTabStillSays.UserId)).DepartmentId = elsewhere.Id;
            await db.SaveChangesAsync();
        }

        var result = await Answers().AnswerAndSignAsync(@case.Id, asTheTabStillSays, Draft(), new RecordingSigner());

        Assert.Equal(ActorStanding.RightsChanged, result.Error);
        Assert.Equal("CaseError.RightsChanged", result.Refusal!.Key);
        await using var check = database.CreateDbContext();
        Assert.False(await check.Set<SignedReport>().AnyAsync());
        Assert.Equal(AuditOutcome.Denied, (await check.AuditEntries.SingleAsync(e => e.Action == "report.signed")).Outcome);
    }

    [Fact]
    public async Task An_addendum_is_a_new_signed_report_linked_to_the_first_which_stays_as_signed()
    {
        var @case = await ClaimedCaseAsync();
        Assert.True((await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, Draft(), new RecordingSigner())).Succeeded);
        clock.Advance(TimeSpan.FromHours(2));
        var received = new List<CaseEvent>();
        using var _ = events.Subscribe(received.Add);
        var signer = new RecordingSigner();
        var corrected = Draft(Management.ExcisionOrBiopsy) with { DiagnosisCode = "C44.9", DiagnosisText = "Basal cell carcinoma", MessageToGp = "Correction: excise." };

        Assert.Equal("Only the dermatologist who signed the report of an answered case can write an addendum.",
            (await Answers().AddendumAsync(@case.Id, TestPeople.Enrol(database, Dermatologist with { UserId = "derm-2" }), corrected, signer)).Error);
        var result = await Answers().AddendumAsync(@case.Id, Dermatologist, corrected, signer);

        Assert.True(result.Succeeded, result.Error);
        await using var db = database.CreateDbContext();
        var reports = await db.Set<SignedReport>().Where(r => r.CaseId == @case.Id).OrderBy(r => r.SignedAtUtc).ToListAsync();
        Assert.Equal([$"{@case.Reference}-R1", $"{@case.Reference}-R2"], reports.Select(r => r.ReportNumber));
        Assert.Equal(reports[0].Id, reports[1].AddendumOfReportId);
        var call = Assert.Single(signer.Calls);
        Assert.Equal(reports[0].Id, call.AddendumOf!.Id);
        Assert.Equal("C44.9", call.Answer.DiagnosisCode);
        // The case's answer is the one first signed; the correction lives in the addendum.
        Assert.Equal("L57.0", (await db.Set<CaseAnswer>().SingleAsync(a => a.CaseId == @case.Id)).DiagnosisCode);
        Assert.Equal(CaseStatus.Answered, (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).Status);
        Assert.Contains(received, e => e.Kind == CaseEventKind.ReportSigned);
        Assert.Equal(AuditOutcome.Success, (await db.AuditEntries.SingleAsync(e => e.Action == "report.addendum-signed" && e.Outcome == AuditOutcome.Success)).Outcome);
        Assert.Equal(2, await db.Set<NotificationOutboxItem>().CountAsync(n => n.Kind == NotificationKind.ReportSigned && n.CaseId == @case.Id));
    }

    [Fact]
    public async Task A_signed_report_can_be_neither_changed_nor_deleted()
    {
        var @case = await ClaimedCaseAsync();
        Assert.True((await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, Draft(), new RecordingSigner())).Succeeded);

        await using var db = database.CreateDbContext();
        var report = await db.Set<SignedReport>().SingleAsync();
        report.Pdf = [1, 2, 3];
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("never changed", changed.Message);

        await using var again = database.CreateDbContext();
        again.Remove(await again.Set<SignedReport>().SingleAsync());
        Assert.Contains("cannot be deleted", (await Assert.ThrowsAsync<InvalidOperationException>(() => again.SaveChangesAsync())).Message);

        await using var check = database.CreateDbContext();
        Assert.Equal(RecordingSigner.Pdf, (await check.Set<SignedReport>().SingleAsync()).Pdf);
    }
}

public sealed class AnswerCommandsTestsOnSqlite() : AnswerCommandsTests(DatabaseProvider.Sqlite);

public sealed class AnswerCommandsTestsOnPostgreSql() : AnswerCommandsTests(DatabaseProvider.PostgreSql);

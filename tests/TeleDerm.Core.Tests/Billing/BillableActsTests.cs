using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Billing;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Core.Tests.Answers;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Billing;

/// <summary>The acts an answered (or unanswered) request bills, on SQLite and on a real PostgreSQL, and the department's statement.</summary>
public abstract class BillableActsTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private BillingOptions tariff = new();

    private AuditTrail Audit() => new(database, clock, NullLogger<AuditTrail>.Instance);
    private AnswerCommands Answers() => new(database, Audit(), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()), Options.Create(tariff));
    private CaseCommands Commands() => new(database, Audit(), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()), Options.Create(tariff));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm-1", Roles.Dermatologist, CaseBuilder.Department, null, null), displayName: "Dr Durand");
    private Actor Gp => TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null), displayName: "Dr Martin");

    private static AnswerDraft Draft() =>
        new("L57.0", "Actinic keratosis", DiagnosticConfidence.High, Management.Reassure, null, "Nothing to treat.", null, []);

    /// <summary>A submitted request of <paramref name="patientId"/> (a new patient when null).</summary>
    private async Task<TeleExpertiseCase> SubmittedAsync(Guid? patientId = null)
    {
        _ = Gp;
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        if (patientId is { } known)
        {
            (@case.Patient, @case.PatientId) = (null, known);
        }
        await using var db = database.CreateDbContext();
        db.Add(@case);
        await db.SaveChangesAsync();
        return @case;
    }

    private async Task<TeleExpertiseCase> AnsweredAsync(Guid? patientId = null)
    {
        var @case = await SubmittedAsync(patientId);
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        Assert.True((await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, Draft(), new FixedReportSigner())).Succeeded);
        return @case;
    }

    private async Task<List<BillableAct>> ActsAsync(Guid caseId)
    {
        await using var db = database.CreateDbContext();
        return await db.Set<BillableAct>().AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Role).ToListAsync();
    }

    [Fact]
    public async Task A_signed_report_bills_the_dermatologist_s_act_and_the_GP_s_and_an_addendum_nothing_more()
    {
        var @case = await AnsweredAsync();
        Assert.True((await Answers().AddendumAsync(@case.Id, Dermatologist, Draft(), new FixedReportSigner())).Succeeded);

        var acts = await ActsAsync(@case.Id);
        Assert.Equal(
            [(ActRole.Requested, "derm-1", "TE2", 2000L, "EUR", (string?)null), (ActRole.Requesting, "gp-1", "RQD", 1000L, "EUR", null)],
            acts.Select(a => (a.Role, a.PractitionerUserId, a.Code, a.AmountCents, a.Currency, a.NotBillableReason)));
        Assert.All(acts, a => Assert.Equal((@case.PatientId, CaseBuilder.Department, clock.GetUtcNow().UtcDateTime), (a.PatientId, a.DepartmentId, a.AtUtc)));
    }

    [Fact]
    public async Task Past_four_acts_a_year_for_one_patient_the_next_is_not_billable_and_the_new_year_starts_again()
    {
        var first = await AnsweredAsync();
        for (var i = 0; i < 3; i++)
        {
            await AnsweredAsync(first.PatientId);
        }
        var fifth = await AnsweredAsync(first.PatientId);
        var otherPatient = await AnsweredAsync();
        clock.Advance(TimeSpan.FromDays(305)); // 1 January 2027
        var nextYear = await AnsweredAsync(first.PatientId);

        Assert.All(await ActsAsync(fifth.Id), a => Assert.Equal((NotBillable.OverYearlyLimit, 0L), (a.NotBillableReason, a.AmountCents)));
        Assert.All(await ActsAsync(otherPatient.Id), a => Assert.Null(a.NotBillableReason));
        Assert.All(await ActsAsync(nextYear.Id), a => Assert.Null(a.NotBillableReason));
    }

    [Fact]
    public async Task A_request_cancelled_or_converted_to_a_consultation_has_one_act_not_billable_with_the_reason()
    {
        var cancelled = await SubmittedAsync();
        Assert.True((await Commands().ApplyAsync(cancelled.Id, Gp, CaseAction.Cancel, reason: "Seen in person")).Succeeded);
        var converted = await SubmittedAsync();
        Assert.True((await Commands().ClaimAsync(converted.Id, Dermatologist)).Succeeded);
        Assert.True((await Commands().ApplyAsync(converted.Id, Dermatologist, CaseAction.ConvertToAppointment, reason: "Needs a biopsy")).Succeeded);

        var cancelledAct = Assert.Single(await ActsAsync(cancelled.Id));
        Assert.Equal((ActRole.Requested, (string?)null, NotBillable.Cancelled, 0L), (cancelledAct.Role, cancelledAct.PractitionerUserId, cancelledAct.NotBillableReason, cancelledAct.AmountCents));
        var convertedAct = Assert.Single(await ActsAsync(converted.Id));
        Assert.Equal(("derm-1", NotBillable.ConvertedToAppointment), (convertedAct.PractitionerUserId, convertedAct.NotBillableReason));
    }

    [Fact]
    public async Task Where_the_payer_does_not_pay_the_requester_only_the_dermatologist_bills_at_the_configured_tariff()
    {
        tariff = new BillingOptions { PayRequester = false, Requested = new ActTariff { Code = "TLX", Amount = 25.50m, YearlyLimitPerPatient = 0 } };

        var @case = await AnsweredAsync();

        var act = Assert.Single(await ActsAsync(@case.Id));
        Assert.Equal((ActRole.Requested, "TLX", 2550L), (act.Role, act.Code, act.AmountCents));
    }

    [Fact]
    public async Task The_statement_is_the_department_head_s_and_the_administrators_only_by_practitioner()
    {
        var answered = await AnsweredAsync();
        var cancelled = await SubmittedAsync();
        await Commands().ApplyAsync(cancelled.Id, Gp, CaseAction.Cancel, reason: "Seen in person");
        var head = TestPeople.Enrol(database, new("head-1", "head-1", Roles.DepartmentHead, CaseBuilder.Department, null, null));
        var otherHead = TestPeople.Enrol(database, new("head-2", "head-2", Roles.DepartmentHead, Guid.NewGuid(), null, null));
        var admin = TestPeople.Enrol(database, new("admin-1", "admin-1", Roles.Admin, null, null, null));
        var statements = new BillingStatements(database);
        var (from, to) = (new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));

        var lines = await statements.ForPeriodAsync(head, CaseBuilder.Department, from, to);

        Assert.Equal([("Dr Durand", null), ("Dr Martin", null), ("—", NotBillable.Cancelled)],
            lines!.Select(l => (l.PractitionerName, l.NotBillableReason)).OrderBy(l => l.PractitionerName, StringComparer.Ordinal));
        var names = lines!.Select(l => l.PractitionerName).ToList();
        Assert.Equal(names.Order(StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: true)), names); // by practitioner
        Assert.Equal([20.00m, 10.00m], lines!.Where(l => l.IsBillable).Select(l => l.Amount));
        Assert.All(lines!, l => Assert.StartsWith("TD-", l.CaseReference, StringComparison.Ordinal));
        Assert.Equal(3, (await statements.ForPeriodAsync(admin, CaseBuilder.Department, from, to))!.Count);
        Assert.Empty((await statements.ForPeriodAsync(head, CaseBuilder.Department, to, to.AddMonths(1)))!);
        Assert.Null(await statements.ForPeriodAsync(otherHead, CaseBuilder.Department, from, to));
        Assert.Null(await statements.ForPeriodAsync(Dermatologist, CaseBuilder.Department, from, to));
        Assert.Null(await statements.ForPeriodAsync(Gp, CaseBuilder.Department, from, to));
        Assert.NotNull(answered);
    }
}

public sealed class BillableActsTestsOnSqlite() : BillableActsTests(DatabaseProvider.Sqlite);

public sealed class BillableActsTestsOnPostgreSql() : BillableActsTests(DatabaseProvider.PostgreSql);

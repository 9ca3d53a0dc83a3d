using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.FollowUps;
using TeleDerm.Core.Notifications;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Core.Tests.Answers;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.FollowUps;

/// <summary>
/// The tasks a signed answer gives the GP, on SQLite and on a real PostgreSQL: when they fall due, how late they are,
/// the follow-up request that completes one, the notice when one falls due (once), and who may mark them.
/// </summary>
public abstract class GpTasksTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    // 22:30 UTC on 31 May is already 1 June in Paris: due dates are the institution's calendar days.
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 5, 31, 22, 30, 0, TimeSpan.Zero));
    private readonly FollowUpOptions options = new() { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    private AuditTrail Audit() => new(database, clock, NullLogger<AuditTrail>.Instance);
    private AnswerCommands Answers() => new(database, Audit(), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()), null, Options.Create(options));
    private CaseCommands Commands() => new(database, Audit(), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()));
    private GpTaskCommands Tasks() => new(database, Audit(), clock, Options.Create(options));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm-1", Roles.Dermatologist, CaseBuilder.Department, null, null), displayName: "Dr Durand");
    private Actor Gp => TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null), displayName: "Dr Martin");

    private static AnswerDraft Draft(Management management, int? months = null) =>
        new("D22.5", "Melanocytic naevus", DiagnosticConfidence.Moderate, management, months, "See the report.", null, []);

    /// <summary>A submitted request with one lesion, answered with <paramref name="draft"/>.</summary>
    private async Task<(TeleExpertiseCase Case, Guid LesionId)> AnsweredAsync(AnswerDraft draft)
    {
        _ = Gp;
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = "123961009", TrackingUid = "2.25.1" + Random.Shared.Next(), CreatedAtUtc = @case.CreatedAtUtc };
        await using (var db = database.CreateDbContext())
        {
            db.Add(@case);
            db.Add(lesion);
            db.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
            await db.SaveChangesAsync();
        }
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        var signed = await Answers().AnswerAndSignAsync(@case.Id, Dermatologist, draft, new FixedReportSigner());
        Assert.True(signed.Succeeded, signed.Error);
        return (@case, lesion.Id);
    }

    private async Task<GpTask?> TaskOfAsync(Guid caseId)
    {
        await using var db = database.CreateDbContext();
        return await db.Set<GpTask>().AsNoTracking().SingleOrDefaultAsync(t => t.CaseId == caseId);
    }

    [Fact]
    public async Task A_photo_follow_up_in_three_months_falls_due_three_months_after_the_answer_s_day_in_the_institution_s_calendar()
    {
        var (followUp, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var (excision, _) = await AnsweredAsync(Draft(Management.ExcisionOrBiopsy));
        var (visit, _) = await AnsweredAsync(Draft(Management.UrgentInPersonVisit));
        var (reassured, _) = await AnsweredAsync(Draft(Management.Reassure));

        var task = await TaskOfAsync(followUp.Id);
        Assert.Equal((GpTaskKind.PhotoFollowUp, GpTaskStatus.Open, new DateOnly(2026, 9, 1), "gp-1", CaseBuilder.Practice),
            (task!.Kind, task.Status, task.DueOn, task.GpUserId, task.PracticeId));
        Assert.Equal((GpTaskKind.ExcisionOrBiopsy, new DateOnly(2026, 6, 1)), ((await TaskOfAsync(excision.Id))!.Kind, (await TaskOfAsync(excision.Id))!.DueOn));
        Assert.Equal(GpTaskKind.InPersonVisit, (await TaskOfAsync(visit.Id))!.Kind);
        Assert.Null(await TaskOfAsync(reassured.Id));
    }

    [Fact]
    public async Task The_GP_s_list_puts_what_is_due_first_and_the_upcoming_follow_up_after_it()
    {
        var (later, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 6));
        var (excision, _) = await AnsweredAsync(Draft(Management.ExcisionOrBiopsy));
        var (sooner, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));

        var list = await Tasks().OpenTasksAsync(Gp);
        Assert.Equal([excision.Reference, sooner.Reference, later.Reference], list.Select(t => t.CaseReference));
        Assert.Equal([GpTaskState.Due, GpTaskState.Upcoming, GpTaskState.Upcoming], list.Select(t => t.State));
        Assert.Equal("DURAND Élise", list[0].PatientName);

        clock.Advance(TimeSpan.FromDays(50)); // 21 July: the excision is late
        Assert.Equal([GpTaskState.Late, GpTaskState.Upcoming, GpTaskState.Upcoming], (await Tasks().OpenTasksAsync(Gp)).Select(t => t.State));
        clock.Advance(TimeSpan.FromDays(50)); // 9 September: the 3-month follow-up is due, the excision over 90 days late
        Assert.Equal([GpTaskState.Lost, GpTaskState.Due, GpTaskState.Upcoming], (await Tasks().OpenTasksAsync(Gp)).Select(t => t.State));
        Assert.Empty(await Tasks().OpenTasksAsync(TestPeople.Enrol(database, new("gp-2", "gp-2", Roles.GP, null, Guid.NewGuid(), null))));

        // The case page: the GP's practice and the department's dermatologists see the task; nobody else.
        Assert.Equal(GpTaskState.Due, (await Tasks().ForCaseAsync(sooner.Id, Gp))!.State);
        Assert.Equal(GpTaskKind.ExcisionOrBiopsy, (await Tasks().ForCaseAsync(excision.Id, Dermatologist))!.Kind);
        Assert.Null(await Tasks().ForCaseAsync(sooner.Id, TestPeople.Enrol(database, new("gp-3", "gp-3", Roles.GP, null, Guid.NewGuid(), null))));
        Assert.Null(await Tasks().ForCaseAsync(sooner.Id, TestPeople.Enrol(database, new("derm-2", "derm-2", Roles.Dermatologist, Guid.NewGuid(), null, null))));
    }

    [Theory]
    [InlineData("2026-08-01", null, GpTaskState.Upcoming)]
    [InlineData("2026-09-01", null, GpTaskState.Due)]
    [InlineData("2026-10-01", null, GpTaskState.Due)]
    [InlineData("2026-10-02", null, GpTaskState.Late)]
    [InlineData("2026-11-30", null, GpTaskState.Late)]
    [InlineData("2026-12-01", null, GpTaskState.Lost)]
    [InlineData("2027-03-01", "2026-10-01", GpTaskState.DoneOnTime)]
    [InlineData("2027-03-01", "2026-08-15", GpTaskState.DoneOnTime)]
    [InlineData("2027-03-01", "2026-10-02", GpTaskState.DoneLate)]
    public void A_follow_up_is_on_time_within_thirty_days_of_its_due_date_and_lost_ninety_days_after_it(string today, string? doneOn, GpTaskState expected)
    {
        var state = GpTasks.StateOn(doneOn is null ? GpTaskStatus.Open : GpTaskStatus.Done, new DateOnly(2026, 9, 1),
            doneOn is null ? null : DateOnly.Parse(doneOn, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), options);
        Assert.Equal(expected, state);
    }

    [Fact]
    public async Task The_request_sending_new_photos_of_the_lesion_completes_its_follow_up_and_only_that_one()
    {
        var (first, lesion) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var (other, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var start = await Tasks().StartFollowUpAsync((await TaskOfAsync(first.Id))!.Id, Gp);
        Assert.Equal((first.Reference, "Durand", lesion), (start!.CaseReference, start.Patient.FamilyName, Assert.Single(start.Lesions).LesionId));

        var followUpCase = Guid.NewGuid();
        await using (var db = database.CreateDbContext())
        {
            await GpTasks.CompleteFollowUpsAsync(db, [lesion], followUpCase, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        var done = await TaskOfAsync(first.Id);
        Assert.Equal((GpTaskStatus.Done, followUpCase, clock.GetUtcNow().UtcDateTime), (done!.Status, done.FollowUpCaseId, done.DoneAtUtc));
        Assert.Equal(GpTaskStatus.Open, (await TaskOfAsync(other.Id))!.Status);
        Assert.Null(await Tasks().StartFollowUpAsync(done.Id, Gp)); // sent: cannot be started again
    }

    [Fact]
    public async Task A_due_follow_up_tells_its_GP_once_however_often_the_reminders_run()
    {
        var (@case, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var reminders = new FollowUpReminders(database, clock, options);
        Assert.Equal(0, await reminders.EnqueueDueAsync());

        clock.Advance(TimeSpan.FromDays(93)); // 2 September in Paris
        Assert.Equal(1, await reminders.EnqueueDueAsync());
        Assert.Equal(0, await reminders.EnqueueDueAsync());

        await using var db = database.CreateDbContext();
        var notices = await db.Set<NotificationOutboxItem>().Where(i => i.Kind == NotificationKind.FollowUpDue).ToListAsync();
        var notice = Assert.Single(notices);
        Assert.Equal((@case.Id, "gp-1"), (notice.CaseId, notice.RecipientUserId));
    }

    [Fact]
    public async Task The_GP_records_an_excision_booked_then_done_and_nobody_else_can()
    {
        var (excision, _) = await AnsweredAsync(Draft(Management.ExcisionOrBiopsy));
        var (followUp, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var task = (await TaskOfAsync(excision.Id))!.Id;
        var otherPractice = TestPeople.Enrol(database, new("gp-2", "gp-2", Roles.GP, null, Guid.NewGuid(), null));

        Assert.Equal("CaseError.NotYours", (await Tasks().MarkBookedAsync(task, otherPractice))?.Key);
        Assert.Equal("CaseError.NotYours", (await Tasks().MarkBookedAsync(task, Dermatologist))?.Key);
        Assert.Equal("CaseError.TaskNotOpen", (await Tasks().MarkDoneAsync((await TaskOfAsync(followUp.Id))!.Id, Gp))?.Key);
        Assert.Null(await Tasks().MarkBookedAsync(task, Gp));
        Assert.Equal(GpTaskStatus.Booked, (await TaskOfAsync(excision.Id))!.Status);
        clock.Advance(TimeSpan.FromDays(40));
        Assert.Null(await Tasks().MarkDoneAsync(task, Gp));
        Assert.Equal("CaseError.TaskNotOpen", (await Tasks().MarkBookedAsync(task, Gp))?.Key);

        var done = (await TaskOfAsync(excision.Id))!;
        Assert.Equal((GpTaskStatus.Done, clock.GetUtcNow().UtcDateTime), (done.Status, done.DoneAtUtc));
        Assert.True(done.BookedAtUtc < done.DoneAtUtc);
        Assert.DoesNotContain(await Tasks().OpenTasksAsync(Gp), t => t.TaskId == task);
        await using var db = database.CreateDbContext();
        var audited = await db.AuditEntries.Where(e => e.RecordId == task.ToString()).Select(e => new { e.Action, e.Outcome }).ToListAsync();
        Assert.Equal(2, audited.Count(e => e.Outcome == AuditOutcome.Denied));
        Assert.Contains(audited, e => e.Action == AuditActions.GpTaskBooked && e.Outcome == AuditOutcome.Success);
        Assert.Contains(audited, e => e.Action == AuditActions.GpTaskDone && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task An_addendum_changes_the_task_the_GP_has_not_acted_on_and_leaves_one_they_have()
    {
        var (followUp, _) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var (reassured, _) = await AnsweredAsync(Draft(Management.Reassure));
        var (booked, _) = await AnsweredAsync(Draft(Management.ExcisionOrBiopsy));
        Assert.Null(await Tasks().MarkBookedAsync((await TaskOfAsync(booked.Id))!.Id, Gp));
        clock.Advance(TimeSpan.FromDays(10)); // 11 June

        Assert.True((await Answers().AddendumAsync(followUp.Id, Dermatologist, Draft(Management.PhotoFollowUp, 12), new FixedReportSigner())).Succeeded);
        Assert.True((await Answers().AddendumAsync(reassured.Id, Dermatologist, Draft(Management.ExcisionOrBiopsy), new FixedReportSigner())).Succeeded);
        Assert.True((await Answers().AddendumAsync(booked.Id, Dermatologist, Draft(Management.Reassure), new FixedReportSigner())).Succeeded);

        Assert.Equal(new DateOnly(2027, 6, 11), (await TaskOfAsync(followUp.Id))!.DueOn);
        Assert.Equal((GpTaskKind.ExcisionOrBiopsy, new DateOnly(2026, 6, 11)), ((await TaskOfAsync(reassured.Id))!.Kind, (await TaskOfAsync(reassured.Id))!.DueOn));
        Assert.Equal(GpTaskStatus.Booked, (await TaskOfAsync(booked.Id))!.Status);

        Assert.True((await Answers().AddendumAsync(followUp.Id, Dermatologist, Draft(Management.Reassure), new FixedReportSigner())).Succeeded);
        Assert.Null(await TaskOfAsync(followUp.Id));
    }

    [Fact]
    public async Task A_follow_up_request_cancelled_by_its_GP_opens_the_follow_up_again()
    {
        var (first, lesion) = await AnsweredAsync(Draft(Management.PhotoFollowUp, 3));
        var followUpRequest = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        await using (var db = database.CreateDbContext())
        {
            db.Add(followUpRequest);
            await GpTasks.CompleteFollowUpsAsync(db, [lesion], followUpRequest.Id, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        Assert.Equal(GpTaskStatus.Done, (await TaskOfAsync(first.Id))!.Status);

        Assert.True((await Commands().ApplyAsync(followUpRequest.Id, Gp, CaseAction.Cancel, reason: "Sent the wrong photos")).Succeeded);

        var task = await TaskOfAsync(first.Id);
        Assert.Equal((GpTaskStatus.Open, (Guid?)null, (DateTime?)null), (task!.Status, task.FollowUpCaseId, task.DoneAtUtc));
    }

    [Fact]
    public async Task The_dashboard_counts_the_tasks_due_in_the_period_by_the_GP_list_s_rule_for_the_department_head_only()
    {
        // Today is 1 June 2026 in Paris; the period is March. Acted-on days are Paris days.
        GpTask Task(GpTaskKind kind, int dueDay, GpTaskStatus status = GpTaskStatus.Open, DateTime? actedUtc = null, Guid? department = null, int month = 3) => new()
        {
            Id = Guid.NewGuid(), CaseId = Guid.NewGuid(), PracticeId = CaseBuilder.Practice, DepartmentId = department ?? CaseBuilder.Department, PatientId = Guid.NewGuid(),
            GpUserId = "gp-1", Kind = kind, DueOn = new DateOnly(2026, month, dueDay), Status = status, CreatedAtUtc = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc),
            BookedAtUtc = status == GpTaskStatus.Booked ? actedUtc : null, DoneAtUtc = status == GpTaskStatus.Done ? actedUtc : null,
        };
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(
                Task(GpTaskKind.PhotoFollowUp, 1, GpTaskStatus.Done, new DateTime(2026, 3, 31, 22, 30, 0, DateTimeKind.Utc)), // 1 April in Paris: 31 days, late
                Task(GpTaskKind.PhotoFollowUp, 2, GpTaskStatus.Done, new DateTime(2026, 3, 31, 22, 30, 0, DateTimeKind.Utc)), // 30 days: on time
                Task(GpTaskKind.PhotoFollowUp, 3),   // 90 days before today: late, not lost
                Task(GpTaskKind.PhotoFollowUp, 2),   // 91 days: lost
                Task(GpTaskKind.ExcisionOrBiopsy, 10, GpTaskStatus.Booked, new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc)),
                Task(GpTaskKind.PhotoFollowUp, 31, department: Guid.NewGuid()), // another department
                Task(GpTaskKind.PhotoFollowUp, 1, month: 4));                   // after the period
            await db.SaveChangesAsync();
        }
        var figures = new FollowUpFigures(database, clock, Options.Create(options));
        var head = TestPeople.Enrol(database, new("head-1", "head-1", Roles.DepartmentHead, CaseBuilder.Department, null, null));

        var rows = await figures.DueInAsync(head, CaseBuilder.Department, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        Assert.Equal(
            [new FollowUpRow(GpTaskKind.PhotoFollowUp, 4, 1, 1, 0, 1, 1), new FollowUpRow(GpTaskKind.ExcisionOrBiopsy, 1, 1, 0, 0, 0, 0), new FollowUpRow(GpTaskKind.InPersonVisit, 0, 0, 0, 0, 0, 0)],
            rows);
        Assert.Null(await figures.DueInAsync(Dermatologist, CaseBuilder.Department, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
        Assert.Null(await figures.DueInAsync(TestPeople.Enrol(database, new("head-2", "head-2", Roles.DepartmentHead, Guid.NewGuid(), null, null)),
            CaseBuilder.Department, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
    }
}

public sealed class GpTasksTestsOnSqlite() : GpTasksTests(DatabaseProvider.Sqlite);

public sealed class GpTasksTestsOnPostgreSql() : GpTasksTests(DatabaseProvider.PostgreSql);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using static TeleDerm.Core.Tests.Dashboard.SyntheticHistory;

namespace TeleDerm.Core.Tests.Dashboard;

/// <summary>
/// Every dashboard figure of <see cref="SyntheticHistory"/>'s week against values computed by hand (the
/// working is in the comments), on SQLite and on PostgreSQL.
/// </summary>
public abstract class DepartmentDashboardTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(Now);
    private readonly SyntheticHistory history = new();
    private static readonly DashboardPeriod Week = new(WeekStart, WeekEnd);
    private static readonly RiskBands Bands = new(0.3, 0.6);

    public Task InitializeAsync() => history.SaveAsync(database);

    public Task DisposeAsync() => Task.CompletedTask;

    private DepartmentDashboard Dashboard() => new(database, clock, Options.Create(new ServiceLevels()));

    private Task<DashboardFigures> WeekAsync() => Dashboard().ComputeAsync(Ward, Week, Bands);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public async Task Received_answered_converted_and_cancelled_count_events_inside_the_half_open_week()
    {
        var volumes = (await WeekAsync()).Volumes;
        // Submitted in [2 Nov, 9 Nov): C2 C3 C4 C5 C6 C7 C8 C10 C11 C17 (not the draft C12, not C13 of another department).
        Assert.Equal(10, volumes.Received);
        // Answered: C1 C2 C3 C4 C5 C17 and C15 at exactly the start; not C14 at exactly the end, not C8 after it.
        Assert.Equal(7, volumes.Answered);
        Assert.Equal(1, volumes.ConvertedToVisit); // C6
        Assert.Equal(1, volumes.Cancelled); // C10; C11 was cancelled after the week
    }

    [Fact]
    public async Task A_case_cut_in_two_by_the_period_is_received_in_one_and_answered_in_the_next()
    {
        var comparison = await Dashboard().CompareAsync(Ward, Week, Bands);
        // Previous week [26 Oct, 2 Nov): received C9 C1 C14 C15; nothing answered (C15's answer at 2 Nov 00:00 belongs to this week).
        Assert.Equal(new DashboardPeriod(At(10, 26, 0), WeekStart), comparison.Previous.Period);
        Assert.Equal(new VolumeFigures(4, 0, 0, 0), comparison.Previous.Volumes);
        Assert.Equal(DurationStats.None, comparison.Previous.TimeToAnswer);
        // C1 (submitted 28 Oct, answered 3 Nov) is received last week and answered this week, with its whole 144 h.
        Assert.Equal(Hours(144), comparison.Current.TimeToAnswer.P90);
        // First responses last week: C9 (24 h) and C1 (24 h).
        Assert.Equal(new DurationStats(2, Hours(24), Hours(24)), comparison.Previous.TimeToFirstResponse);
    }

    [Fact]
    public async Task Backlog_at_the_end_of_the_week_by_age_and_overdue()
    {
        var backlog = (await WeekAsync()).Backlog;
        // At 9 Nov 00:00: C8 (4 h), C7 (37 h), C11 (3 d 12 h, cancelled only later), C9 (13 d 15 h), C14 (9 d 14 h, answered at that very moment).
        Assert.Equal(WeekEnd, backlog.AtUtc);
        Assert.Equal(new BacklogFigures(WeekEnd, Total: 5, UnderOneDay: 1, OneToThreeDays: 1, ThreeToSevenDays: 1, SevenDaysOrMore: 2, Overdue: 3), backlog);
    }

    [Fact]
    public async Task Backlog_of_the_previous_week_counts_cases_decided_later_and_a_case_exactly_two_days_old()
    {
        var backlog = (await Dashboard().ComputeAsync(Ward, Week.Previous, Bands)).Backlog;
        // At 2 Nov 00:00: C9 (6 d 15 h, overdue since 29 Oct), C1 (4 d 14 h), C14 (2 d 14 h), C15 (exactly 2 d, answered at that moment).
        Assert.Equal(new BacklogFigures(WeekStart, Total: 4, UnderOneDay: 0, OneToThreeDays: 2, ThreeToSevenDays: 2, SevenDaysOrMore: 0, Overdue: 1), backlog);
    }

    [Fact]
    public async Task Backlog_of_a_period_not_yet_ended_is_counted_now()
    {
        var running = new DashboardPeriod(At(11, 8, 0), At(11, 15, 0));
        var backlog = (await Dashboard().ComputeAsync(Ward, running, Bands)).Backlog;
        // Now (12 Nov 12:00): C7 (5 d 1 h, not yet due: 14 Nov) and C9 (17 d 3 h, overdue) wait; C8, C11 and C14 were decided on 9 Nov.
        Assert.Equal(new BacklogFigures(Now.UtcDateTime, Total: 2, UnderOneDay: 0, OneToThreeDays: 0, ThreeToSevenDays: 1, SevenDaysOrMore: 1, Overdue: 1), backlog);
    }

    [Fact]
    public async Task Time_to_first_response_and_to_answer_median_and_90th_percentile()
    {
        var figures = await WeekAsync();
        // First responses in the week: C3 3 h, C2 6 h, C5 41 h, C6 48 h, C15 48 h, C17 48 h, C4 72 h: n = 7,
        // median at rank ⌈3.5⌉ = 4 → 48 h, 90th at rank ⌈6.3⌉ = 7 → 72 h.
        Assert.Equal(new DurationStats(7, Hours(48), Hours(72)), figures.TimeToFirstResponse);
        // Answers: C2 6 h, C5 41 h, C15 48 h, C17 48 h, C4 72 h, C3 96 h, C1 144 h: median 48 h, 90th 144 h.
        Assert.Equal(new DurationStats(7, Hours(48), Hours(144)), figures.TimeToAnswer);
    }

    [Fact]
    public async Task Service_level_per_urgency_in_calendar_hours_across_the_weekend()
    {
        var figures = await WeekAsync();
        Assert.Equal(
        [
            // C2 within (6 h of 24); C5 sent Friday 17:00, due Saturday 17:00, answered Sunday 10:00: late.
            new ServiceLevelRow(Urgency.Urgent, Hours(24), Answered: 2, WithinTarget: 1),
            // C15 within; C4 answered Sunday 08:00 at exactly its due time: within; C3 due Saturday 09:00, answered Sunday 09:00: late.
            new ServiceLevelRow(Urgency.Soon, Hours(72), Answered: 3, WithinTarget: 2),
            // C1 (6 of 7 days) and C17 (2 days) within.
            new ServiceLevelRow(Urgency.Routine, TimeSpan.FromDays(7), Answered: 2, WithinTarget: 2),
        ], figures.ServiceLevels);
        Assert.Equal(5.0 / 7, figures.WithinServiceLevelShare);
        Assert.Equal(0.5, figures.ServiceLevels[0].Share);
    }

    [Fact]
    public async Task Outcome_mix_and_share_that_needed_a_question_to_the_GP()
    {
        var outcomes = (await WeekAsync()).Outcomes;
        // Decided: the 7 answered and C6 converted. Remotely: C1 reassure, C4 prescription, C15 photo follow-up;
        // in person: C3 and C6 (converted); urgent: C5; excision: C2; C17 without a recorded management.
        Assert.Equal(8, outcomes.Decided);
        Assert.Equal(new OutcomeCounts(ResolvedRemotely: 3, InPersonVisit: 2, UrgentVisit: 1, ExcisionOrBiopsy: 1, NotRecorded: 1), outcomes.Outcomes);
        Assert.Equal(3.0 / 7, outcomes.Outcomes.ResolvedRemotelyShare);
        // Questions to the GP: C1 and C3 (C3's reply and C2's note are not questions; C9 asked but is undecided).
        Assert.Equal(2, outcomes.AskedGp);
        Assert.Equal(0.25, outcomes.AskedGpShare);
    }

    [Fact]
    public async Task Outcomes_per_risk_band_show_whether_the_model_orders_cases_usefully()
    {
        var byBand = (await WeekAsync()).Outcomes.ByRiskBand;
        Assert.Equal(new OutcomeCounts(0, 1, 0, 0, 0), byBand[RiskBand.NotScored]); // C6
        Assert.Equal(new OutcomeCounts(1, 0, 0, 0, 1), byBand[RiskBand.Low]); // C1 0.15, C17 0.25
        Assert.Equal(new OutcomeCounts(1, 1, 0, 0, 0), byBand[RiskBand.Intermediate]); // C15 0.55, C3 0.45
        Assert.Equal(new OutcomeCounts(1, 0, 1, 1, 0), byBand[RiskBand.High]); // C4 0.65, C5 0.72, C2 0.85
        Assert.Equal(2.0 / 3, byBand[RiskBand.High].SeriousShare);
        Assert.Equal(0.0, byBand[RiskBand.Low].SeriousShare);
    }

    [Fact]
    public async Task Workload_and_turnaround_per_dermatologist()
    {
        var rows = (await WeekAsync()).Dermatologists;
        // Dr Martin: C2 6 h, C5 41 h (late), C17 48 h, C1 144 h: n = 4, median at rank 2 → 41 h (lower middle), 90th at rank 4 → 144 h.
        // Dr Petit: C15 48 h, C4 72 h, C3 96 h (late): median rank 2 → 72 h, 90th rank 3 → 96 h. C6 was converted, not answered.
        Assert.Equal(
        [
            new DermatologistRow(DermA, "Dr Anne Martin", Answered: 4, WithinTarget: 3, new DurationStats(4, Hours(41), Hours(144))),
            new DermatologistRow(DermB, "Dr Bruno Petit", Answered: 3, WithinTarget: 2, new DurationStats(3, Hours(72), Hours(96))),
        ], rows);
    }

    [Fact]
    public async Task Volumes_per_GP_practice()
    {
        var rows = (await WeekAsync()).Practices;
        // North received C2 C5 C6 C8 C10 C11 C17, answered C1 C2 C5 C17; South received C3 C4 C7, answered C3 C4 C15.
        Assert.Equal(
        [
            new PracticeRow(PracticeNorth, "Practice North", Received: 7, Answered: 4),
            new PracticeRow(PracticeSouth, "Practice South", Received: 3, Answered: 3),
        ], rows);
    }

    [Fact]
    public async Task Distribution_of_risk_scores_of_the_cases_received()
    {
        var distribution = (await WeekAsync()).RiskDistribution;
        // C17 0.25 → [0.2, 0.3); C7 exactly 0.3 → [0.3, 0.4); C3 0.45; C4 0.65; C5 0.72; C2 0.85; C8 0.95. C6, C10, C11 not scored.
        Assert.Equal([0, 0, 1, 1, 1, 0, 1, 1, 1, 1], distribution.Tenths);
        Assert.Equal(3, distribution.NotScored);
        Assert.Equal(7, distribution.Scored);
    }

    [Fact]
    public async Task An_empty_period_gives_zeros_and_no_percentiles()
    {
        var figures = await Dashboard().ComputeAsync(Ward, new DashboardPeriod(At(1, 5, 0), At(1, 12, 0)), Bands);
        Assert.Equal(new VolumeFigures(0, 0, 0, 0), figures.Volumes);
        Assert.Equal(0, figures.Backlog.Total);
        Assert.Equal(DurationStats.None, figures.TimeToAnswer);
        Assert.Null(figures.WithinServiceLevelShare);
        Assert.Null(figures.Outcomes.Outcomes.ResolvedRemotelyShare);
        Assert.Empty(figures.Dermatologists);
        Assert.Empty(figures.Practices);
    }

    [Fact]
    public async Task The_other_department_sees_only_its_own_case()
    {
        var figures = await Dashboard().ComputeAsync(OtherDepartment, Week, Bands);
        Assert.Equal(new VolumeFigures(1, 1, 0, 0), figures.Volumes);
        Assert.Equal(new DurationStats(1, Hours(1), Hours(1)), figures.TimeToAnswer);
        Assert.Equal(1, figures.Outcomes.Outcomes.ExcisionOrBiopsy);
    }

    private static Actor Person(string id, string role, Guid? department = null) => new(id, id, role, department, null, null);

    private DashboardDrillDown DrillDown() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), clock);

    [Fact]
    public async Task A_head_drills_down_to_the_backlog_of_their_department_and_the_listing_is_audited()
    {
        var list = await DrillDown().ListAsync(Person("head-1", Roles.DepartmentHead, Ward) with { IpAddress = "10.0.0.7" }, Ward, Week, DrillDownSet.Backlog);

        Assert.NotNull(list);
        Assert.Equal(5, list.Total);
        Assert.Equal(["TD-C9", "TD-C14", "TD-C11", "TD-C7", "TD-C8"], list.Rows.Select(r => r.Reference));
        Assert.All(list.Rows, r => Assert.True(r.CanOpen));
        Assert.Equal(history.ByName["C9"].ServiceDueAtUtc, list.Rows[0].ServiceDueAtUtc);
        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == DashboardDrillDown.AuditAction);
        Assert.Equal(("head-1", AuditOutcome.Success, "department", Ward.ToString(), "10.0.0.7"), (entry.UserId, entry.Outcome, entry.RecordType, entry.RecordId, entry.IpAddress));
        Assert.Contains("set=Backlog", entry.Details, StringComparison.Ordinal);
        Assert.Contains("cases=5", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_down_lists_match_the_figures_they_come_from()
    {
        var head = Person("head-1", Roles.DepartmentHead, Ward);
        var drill = DrillDown();
        Assert.Equal(10, (await drill.ListAsync(head, Ward, Week, DrillDownSet.Received))!.Total);
        Assert.Equal(["TD-C1", "TD-C15", "TD-C2", "TD-C17", "TD-C3", "TD-C4", "TD-C5"], (await drill.ListAsync(head, Ward, Week, DrillDownSet.Answered))!.Rows.Select(r => r.Reference));
        Assert.Equal(["TD-C9", "TD-C14", "TD-C11"], (await drill.ListAsync(head, Ward, Week, DrillDownSet.Overdue))!.Rows.Select(r => r.Reference));
    }

    [Fact]
    public async Task An_administrator_gets_the_list_without_access_to_the_cases_themselves()
    {
        var list = await DrillDown().ListAsync(Person("admin-1", Roles.Admin), Ward, Week, DrillDownSet.Received);
        Assert.NotNull(list);
        Assert.Equal(10, list.Total);
        Assert.All(list.Rows, r => Assert.False(r.CanOpen));
    }

    [Fact]
    public async Task A_head_of_another_department_and_a_dermatologist_are_refused_and_audited()
    {
        Assert.Null(await DrillDown().ListAsync(Person("head-2", Roles.DepartmentHead, OtherDepartment), Ward, Week, DrillDownSet.Backlog));
        Assert.Null(await DrillDown().ListAsync(Person("derm-a", Roles.Dermatologist, Ward), Ward, Week, DrillDownSet.Backlog));
        await using var db = database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.Action == DashboardDrillDown.AuditAction).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([("head-2", AuditOutcome.Denied), ("derm-a", AuditOutcome.Denied)], entries.Select(e => (e.UserId!, e.Outcome)));
    }

    [Fact]
    public void A_period_must_be_in_UTC_and_end_after_it_starts()
    {
        var reversed = Assert.Throws<ArgumentException>(() => new DashboardPeriod(WeekEnd, WeekStart));
        Assert.StartsWith("A dashboard period must end after it starts", reversed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DashboardPeriod(DateTime.SpecifyKind(WeekStart, DateTimeKind.Unspecified), WeekEnd));
        Assert.Equal(new DashboardPeriod(At(10, 26, 0), WeekStart), Week.Previous);
    }
}

public sealed class DepartmentDashboardTestsOnSqlite() : DepartmentDashboardTests(DatabaseProvider.Sqlite);

public sealed class DepartmentDashboardTestsOnPostgreSql() : DepartmentDashboardTests(DatabaseProvider.PostgreSql);

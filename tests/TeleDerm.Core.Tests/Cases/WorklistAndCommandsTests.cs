using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Tests.Data;
using TeleDerm.Core.Tests.Scoring;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Cases;

public abstract class WorklistAndCommandsTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessCaseEvents events = new();
    private static readonly Guid OtherDepartment = Guid.NewGuid();

    private Worklist Worklist() => new(database, clock);

    private CaseCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), events, clock, Options.Create(new ServiceLevels()));

    private Actor Dermatologist(string id, Guid? department = null) =>
        TestPeople.Enrol(database, new(id, id + "@test.example", Roles.Dermatologist, department ?? CaseBuilder.Department, null, "127.0.0.1"));

    private async Task<TeleExpertiseCase> SaveAsync(Urgency urgency, double? risk, TimeSpan submittedAgo, Guid? department = null, CaseStatus status = CaseStatus.Submitted)
    {
        var @case = new CaseBuilder().InStatus(status).WithUrgency(urgency).Build();
        @case.DepartmentId = department ?? CaseBuilder.Department;
        @case.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime - submittedAgo;
        @case.MaxRisk = risk;
        TriagePriority.Update(@case, new ServiceLevels());
        await using var db = database.CreateDbContext();
        db.Add(@case);
        await db.SaveChangesAsync();
        return @case;
    }

    private Task AddUserAsync(string id, string displayName)
    {
        TestPeople.Enrol(database, new(id, id + "@test.example", Roles.Dermatologist, CaseBuilder.Department, null, "127.0.0.1"), displayName);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Open_cases_of_the_department_come_in_priority_order_with_what_triage_needs()
    {
        var routineLowRisk = await SaveAsync(Urgency.Routine, 0.1, TimeSpan.FromHours(2));
        var urgentUnscored = await SaveAsync(Urgency.Urgent, null, TimeSpan.FromHours(1));
        var routineHighRiskOld = await SaveAsync(Urgency.Routine, 0.9, TimeSpan.FromDays(4)); // overdue for priority: 7 d x (1 - 0.45) = 3.85 d
        await SaveAsync(Urgency.Urgent, 0.9, TimeSpan.FromHours(1), department: OtherDepartment);
        await SaveAsync(Urgency.Urgent, 0.9, TimeSpan.FromHours(1), status: CaseStatus.Answered);

        var page = await Worklist().PageAsync(CaseBuilder.Department, "derm-1", new WorklistFilter(), new RiskBands(), 0, 10);

        Assert.Equal(3, page.Total);
        Assert.Equal([routineHighRiskOld.Id, urgentUnscored.Id, routineLowRisk.Id], page.Rows.Select(r => r.CaseId));
        var first = page.Rows[0];
        Assert.Equal(65, first.PatientAge); // born 1961-04-02, on 2026-11-22
        Assert.Equal(Sex.Female, first.PatientSex);
        Assert.Equal(routineHighRiskOld.ServiceDueAtUtc, first.ServiceDueAtUtc);
    }

    [Fact]
    public async Task Filters_narrow_by_urgency_risk_band_status_and_mine()
    {
        await SaveAsync(Urgency.Routine, 0.1, TimeSpan.FromHours(2));
        await SaveAsync(Urgency.Soon, 0.45, TimeSpan.FromHours(2));
        var high = await SaveAsync(Urgency.Urgent, 0.8, TimeSpan.FromHours(2));
        await SaveAsync(Urgency.Urgent, null, TimeSpan.FromHours(2));
        await Commands().ClaimAsync(high.Id, Dermatologist("derm-1"));
        var worklist = Worklist();
        async Task<int> Count(WorklistFilter filter) => (await worklist.PageAsync(CaseBuilder.Department, "derm-1", filter, new RiskBands(), 0, 50)).Total;

        Assert.Equal(2, await Count(new WorklistFilter(Urgency: Urgency.Urgent)));
        Assert.Equal(1, await Count(new WorklistFilter(Risk: RiskBandFilter.Low)));
        Assert.Equal(1, await Count(new WorklistFilter(Risk: RiskBandFilter.Intermediate)));
        Assert.Equal(1, await Count(new WorklistFilter(Risk: RiskBandFilter.High)));
        Assert.Equal(1, await Count(new WorklistFilter(Risk: RiskBandFilter.NotScored)));
        Assert.Equal(1, await Count(new WorklistFilter(Status: CaseStatus.Claimed)));
        Assert.Equal(1, await Count(new WorklistFilter(MineOnly: true)));
    }

    [Fact]
    public async Task Pages_are_stable_and_count_the_whole_list()
    {
        for (var i = 0; i < 7; i++)
        {
            await SaveAsync(Urgency.Routine, i / 10.0, TimeSpan.FromHours(i));
        }
        var worklist = Worklist();
        var first = await worklist.PageAsync(CaseBuilder.Department, "d", new WorklistFilter(), new RiskBands(), 0, 5);
        var second = await worklist.PageAsync(CaseBuilder.Department, "d", new WorklistFilter(), new RiskBands(), 5, 5);
        Assert.Equal(7, first.Total);
        Assert.Equal(2, second.Rows.Count);
        Assert.Empty(first.Rows.Select(r => r.CaseId).Intersect(second.Rows.Select(r => r.CaseId)));
    }

    [Fact]
    public async Task A_claim_is_audited_and_published_and_a_second_claim_is_told_who_has_it()
    {
        await AddUserAsync("derm-1", "Dr Hugo Bernard");
        var @case = await SaveAsync(Urgency.Soon, 0.5, TimeSpan.FromHours(3));
        var received = new List<CaseEvent>();
        using var _ = events.Subscribe(received.Add);

        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist("derm-1"))).Succeeded);
        var second = await Commands().ClaimAsync(@case.Id, Dermatologist("derm-2"));

        Assert.False(second.Succeeded);
        Assert.Equal("Dr Hugo Bernard has already claimed this case.", second.Error);
        Assert.Single(received, e => e.CaseId == @case.Id && e.Kind == CaseEventKind.StatusChanged);
        await using var db = database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.RecordId == @case.Id.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([("case.claim", AuditOutcome.Success, "derm-1"), ("case.claim", AuditOutcome.Failure, "derm-2")],
            entries.Select(e => (e.Action, e.Outcome, e.UserId!)));
        Assert.Equal(@case.PatientId.ToString(), entries[0].PatientId);
    }

    [Fact]
    public async Task Simultaneous_claims_leave_exactly_one_winner()
    {
        await AddUserAsync("derm-a", "Dr A");
        await AddUserAsync("derm-b", "Dr B");
        var @case = await SaveAsync(Urgency.Urgent, 0.7, TimeSpan.FromHours(1));
        var results = await Task.WhenAll(Commands().ClaimAsync(@case.Id, Dermatologist("derm-a")), Commands().ClaimAsync(@case.Id, Dermatologist("derm-b")));
        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => !r.Succeeded && r.Error!.EndsWith("has already claimed this case.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dermatologist_of_another_department_and_a_GP_cannot_claim_and_are_audited()
    {
        var @case = await SaveAsync(Urgency.Soon, 0.5, TimeSpan.FromHours(3));
        var outsider = await Commands().ClaimAsync(@case.Id, Dermatologist("derm-x", OtherDepartment));
        var gp = await Commands().ClaimAsync(@case.Id, TestPeople.Enrol(database, new Actor("gp-1", "gp@test.example", Roles.GP, null, null, null)));
        Assert.Equal("This case does not exist or is not one you may act on.", outsider.Error);
        Assert.Equal("Only a dermatologist can do this.", gp.Error);
        await using var db = database.CreateDbContext();
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.UserId == "derm-x" && e.Outcome == AuditOutcome.Denied);
        Assert.Equal(CaseStatus.Submitted, (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).Status);
    }

    [Fact]
    public async Task A_risk_score_landing_during_a_claim_does_not_refuse_the_claim()
    {
        var @case = await SaveAsync(Urgency.Soon, null, TimeSpan.FromHours(1));
        var imageId = await BackgroundScore.AddPendingImageAsync(database, @case, clock.GetUtcNow().UtcDateTime);
        // The real scoring queue records a score between the command's read and its save.
        var racing = new ActionBeforeFirstSave(database, () => BackgroundScore.RecordAsync(database, clock, imageId, 0.7));
        var commands = new CaseCommands(racing, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), events, clock, Options.Create(new ServiceLevels()));

        var result = await commands.ClaimAsync(@case.Id, Dermatologist("derm-1"));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(racing.Ran);
        await using var db = database.CreateDbContext();
        var saved = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id);
        Assert.Equal(("derm-1", CaseStatus.Claimed, 0.7), (saved.AssignedDermatologistId, saved.Status, saved.MaxRisk));
    }

    [Fact]
    public async Task Two_dermatologists_claiming_from_the_same_read_one_wins_and_the_other_is_told_who()
    {
        var @case = await SaveAsync(Urgency.Soon, 0.4, TimeSpan.FromHours(1));
        await AddUserAsync("derm-1", "Dr Anne Martin");
        // derm-2's command reads the case, then derm-1's claim is saved before derm-2's save.
        var racing = new ActionBeforeFirstSave(database, async () => Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist("derm-1"))).Succeeded));
        var commands = new CaseCommands(racing, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), events, clock, Options.Create(new ServiceLevels()));

        var result = await commands.ClaimAsync(@case.Id, Dermatologist("derm-2"));

        Assert.False(result.Succeeded);
        Assert.Equal("Dr Anne Martin has already claimed this case.", result.Error);
        await using var db = database.CreateDbContext();
        Assert.Equal("derm-1", (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).AssignedDermatologistId);
    }
}

public sealed class WorklistAndCommandsTestsOnSqlite() : WorklistAndCommandsTests(DatabaseProvider.Sqlite);

public sealed class WorklistAndCommandsTestsOnPostgreSql() : WorklistAndCommandsTests(DatabaseProvider.PostgreSql);

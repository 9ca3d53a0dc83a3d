using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Cases;

public abstract class CaseConversationTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessCaseEvents events = new();

    private CaseCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), events, clock, Options.Create(new ServiceLevels()));
    private CaseQueries Queries() => new(database, clock);

    private Actor Gp => TestPeople.Enrol(database, new("gp-1", "gp@test.example", Roles.GP, null, null, null));
    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm@test.example", Roles.Dermatologist, CaseBuilder.Department, null, null));

    private static Actor Principal(string id, string role, Guid? department = null) => new(id, id, role, department, null, null);

    private async Task<Guid> ClaimedCaseAsync()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        await using (var db = database.CreateDbContext())
        {
            db.Add(@case);
            await db.SaveChangesAsync();
        }
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        return @case.Id;
    }

    [Fact]
    public async Task The_dermatologist_asks_the_GP_replies_and_the_case_returns_to_review()
    {
        var caseId = await ClaimedCaseAsync();
        var received = new List<CaseEvent>();
        using var _ = events.Subscribe(received.Add);

        Assert.True((await Commands().AskGpAsync(caseId, Dermatologist, "Could you send a dermoscopic photo?")).Succeeded);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.True((await Commands().ReplyAsync(caseId, Gp, "Here it is; it itches since last week.")).Succeeded);

        var details = await Queries().LoadForAsync(Principal("derm-1", Roles.Dermatologist, CaseBuilder.Department), caseId);
        Assert.NotNull(details);
        Assert.Equal(CaseStatus.InReview, details.Case.Status);
        Assert.Equal([(MessageKind.Question, "derm-1"), (MessageKind.Reply, "gp-1")], details.Case.Messages.Select(m => (m.Kind, m.AuthorUserId)));
        Assert.Equal(2, received.Count(e => e.Kind == CaseEventKind.MessageAdded));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, details.Case.LastActivityAtUtc);
    }

    [Fact]
    public async Task An_empty_or_overlong_message_is_refused_and_changes_nothing()
    {
        var caseId = await ClaimedCaseAsync();
        Assert.Equal("Write the message first.", (await Commands().AskGpAsync(caseId, Dermatologist, "   ")).Error);
        Assert.Equal("A message has at most 4000 characters.", (await Commands().AskGpAsync(caseId, Dermatologist, new string('x', 4001))).Error);
        var details = await Queries().LoadForAsync(Principal("derm-1", Roles.Dermatologist, CaseBuilder.Department), caseId);
        Assert.Equal(CaseStatus.Claimed, details!.Case.Status);
        Assert.Empty(details.Case.Messages);
    }

    [Fact]
    public async Task A_GP_cannot_reply_when_nobody_asked()
    {
        var caseId = await ClaimedCaseAsync();
        Assert.Equal("A case that is claimed cannot be given a reply.", (await Commands().ReplyAsync(caseId, Gp, "Hello")).Error);
    }

    [Fact]
    public async Task A_GP_reads_no_risk_score_unless_the_department_shows_scores_to_GPs()
    {
        var caseId = await ClaimedCaseAsync();
        await using (var db = database.CreateDbContext())
        {
            if (!await db.Departments.AnyAsync(d => d.Id == CaseBuilder.Department))
                db.Departments.Add(new Department { Id = CaseBuilder.Department, Name = "Dermatology" });
            var lesionId = Guid.NewGuid();
            var @case = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId);
            @case.MaxRisk = 0.81;
            db.Add(new Lesion { Id = lesionId, PatientId = @case.PatientId, BodySiteCode = "39937001", TrackingUid = "2.25.1", CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
            db.Add(new CaseLesion { CaseId = caseId, LesionId = lesionId });
            db.Add(new LesionImage { Id = Guid.NewGuid(), LesionId = lesionId, CaseId = caseId, Kind = ImageKind.Dermoscopic, StudyInstanceUid = "1.2", SeriesInstanceUid = "1.2.3",
                SopInstanceUid = "1.2.3.4", AcquiredAtUtc = clock.GetUtcNow().UtcDateTime, ScoreState = ScoreState.Scored, Risk = 0.81, RiskBand = "high", ModelName = "m", FeaturesJson = "{}" });
            await db.SaveChangesAsync();
        }

        var gpView = (await Queries().LoadForAsync(Principal("gp-1", Roles.GP), caseId))!;
        Assert.False(gpView.RiskVisible);
        Assert.Null(gpView.Case.MaxRisk);
        Assert.All(gpView.Lesions.SelectMany(l => l.Images), i => Assert.True(i.Risk is null && i.RiskBand is null && i.FeaturesJson is null && i.ModelName is null));
        var dermView = (await Queries().LoadForAsync(Principal("derm-1", Roles.Dermatologist, CaseBuilder.Department), caseId))!;
        Assert.True(dermView.RiskVisible);
        Assert.Equal(0.81, dermView.Lesions.SelectMany(l => l.Images).Single().Risk);

        await using (var db = database.CreateDbContext())
        {
            await db.Departments.Where(d => d.Id == CaseBuilder.Department).ExecuteUpdateAsync(u => u.SetProperty(d => d.RiskScoresVisibleToGps, true));
        }
        var shown = (await Queries().LoadForAsync(Principal("gp-1", Roles.GP), caseId))!;
        Assert.True(shown.RiskVisible);
        Assert.Equal(0.81, shown.Lesions.SelectMany(l => l.Images).Single().Risk);
    }

    [Fact]
    public async Task Only_those_allowed_can_read_a_case()
    {
        var caseId = await ClaimedCaseAsync();
        Assert.NotNull(await Queries().LoadForAsync(Principal("gp-1", Roles.GP), caseId));
        Assert.Null(await Queries().LoadForAsync(Principal("gp-2", Roles.GP), caseId));
        Assert.NotNull(await Queries().LoadForAsync(Principal("head", Roles.DepartmentHead, CaseBuilder.Department), caseId));
        Assert.Null(await Queries().LoadForAsync(Principal("derm-x", Roles.Dermatologist, Guid.NewGuid()), caseId));
        Assert.Null(await Queries().LoadForAsync(Principal("admin", Roles.Admin), caseId));
        Assert.Null(await Queries().LoadForAsync(Principal("gp-1", Roles.GP), Guid.NewGuid()));
    }

    [Fact]
    public async Task My_cases_marks_what_changed_since_the_GP_last_looked()
    {
        var caseId = await ClaimedCaseAsync();
        Assert.True(Assert.Single(await Queries().MyCasesAsync("gp-1")).ChangedSinceLastViewed);

        clock.Advance(TimeSpan.FromMinutes(1));
        await Queries().MarkViewedAsync(caseId, "gp-1");
        var seen = Assert.Single(await Queries().MyCasesAsync("gp-1"));
        Assert.False(seen.ChangedSinceLastViewed);
        Assert.Equal("DURAND Élise", seen.PatientName);

        clock.Advance(TimeSpan.FromMinutes(1));
        await Commands().AskGpAsync(caseId, Dermatologist, "A question.");
        Assert.True(Assert.Single(await Queries().MyCasesAsync("gp-1")).ChangedSinceLastViewed);
        Assert.Empty(await Queries().MyCasesAsync("gp-2"));
    }
}

public sealed class CaseConversationTestsOnSqlite() : CaseConversationTests(DatabaseProvider.Sqlite);

public sealed class CaseConversationTestsOnPostgreSql() : CaseConversationTests(DatabaseProvider.PostgreSql);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Dashboard;

/// <summary>
/// Coded retake questions: the dermatologist asks for new photos with a reason (the text may then be empty), and the
/// dashboard counts them per practice against its requests, within the period only, for those who may see it.
/// </summary>
public abstract class RetakeFiguresTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));
    private static readonly Guid OtherPractice = Guid.Parse("6f1f2c1e-0000-4000-8000-0000000000aa");

    private CaseCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm-1", Roles.Dermatologist, CaseBuilder.Department, null, null));
    private Actor Head => TestPeople.Enrol(database, new("head-1", "head-1", Roles.DepartmentHead, CaseBuilder.Department, null, null));

    private async Task<TeleExpertiseCase> ClaimedCaseAsync(Guid practice)
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Claimed, "derm-1").Build();
        @case.PracticeId = practice;
        @case.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        await using var db = database.CreateDbContext();
        db.Add(@case);
        await db.SaveChangesAsync();
        return @case;
    }

    [Fact]
    public async Task Retake_questions_are_counted_per_practice_by_reason_against_its_requests()
    {
        await using (var db = database.CreateDbContext())
        {
            db.Practices.AddRange(new Practice { Id = CaseBuilder.Practice, Name = "Cabinet Martin" }, new Practice { Id = OtherPractice, Name = "Maison de santé" });
            await db.SaveChangesAsync();
        }
        var blurred = await ClaimedCaseAsync(CaseBuilder.Practice);
        var dark = await ClaimedCaseAsync(CaseBuilder.Practice);
        var plain = await ClaimedCaseAsync(OtherPractice);
        var none = await ClaimedCaseAsync(CaseBuilder.Practice);

        Assert.True((await Commands().AskGpAsync(blurred.Id, Dermatologist, "", RetakeReason.PhotoBlurred)).Succeeded);
        Assert.True((await Commands().AskGpAsync(dark.Id, Dermatologist, "The dermoscopy too, please.", RetakeReason.NeedDermoscopy)).Succeeded);
        Assert.True((await Commands().AskGpAsync(plain.Id, Dermatologist, "Has it bled?")).Succeeded);
        Assert.Equal("CaseError.MessageEmpty", (await Commands().AskGpAsync(none.Id, Dermatologist, "  ")).Refusal?.Key);
        Assert.Equal("CaseError.RetakeUnknown", (await Commands().AskGpAsync(none.Id, Dermatologist, "", (RetakeReason)42)).Refusal?.Key);

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.Set<CaseMessage>().SingleAsync(m => m.CaseId == blurred.Id);
            Assert.Equal((RetakeReason.PhotoBlurred, ""), (stored.Retake, stored.Body));
            Assert.Contains(await db.Set<AuditEntry>().Where(a => a.RecordId == blurred.Id.ToString()).Select(a => a.Details).ToListAsync(), d => d == "retake: PhotoBlurred");
        }

        var period = new DashboardPeriod(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var figures = await new RetakeFigures(database).ForPeriodAsync(Head, CaseBuilder.Department, period);

        Assert.NotNull(figures);
        Assert.Equal(["Cabinet Martin", "Maison de santé"], figures.Select(p => p.Practice));
        var martin = figures[0];
        Assert.Equal((3, 2, 2.0 / 3), (martin.Requests, martin.Retakes, martin.PerRequest!.Value));
        Assert.Equal(new Dictionary<RetakeReason, int> { [RetakeReason.PhotoBlurred] = 1, [RetakeReason.NeedDermoscopy] = 1 }, martin.ByReason);
        Assert.Equal((1, 0), (figures[1].Requests, figures[1].Retakes));

        // Another month has none of it; a GP may not see the figures at all.
        var december = new DashboardPeriod(period.ToUtc, period.ToUtc.AddDays(31));
        Assert.Empty((await new RetakeFigures(database).ForPeriodAsync(Head, CaseBuilder.Department, december))!);
        var gp = TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null));
        Assert.Null(await new RetakeFigures(database).ForPeriodAsync(gp, CaseBuilder.Department, period));
    }
}

public sealed class RetakeFiguresTestsOnSqlite() : RetakeFiguresTests(DatabaseProvider.Sqlite);

public sealed class RetakeFiguresTestsOnPostgreSql() : RetakeFiguresTests(DatabaseProvider.PostgreSql);

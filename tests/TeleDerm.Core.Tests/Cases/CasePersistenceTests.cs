using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Cases;

/// <summary>The case model stored and read back, on SQLite and on a real PostgreSQL.</summary>
public abstract class CasePersistenceTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    private async Task<Guid> SaveSubmittedCaseAsync()
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        @case.Questionnaire = new Questionnaire { DurationMonths = 3, Evolution = Evolution.Growing, Bleeding = true, FitzpatrickPhototype = 2, FamilyHistoryOfMelanoma = true };
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = "39937001", Laterality = Laterality.Left, TrackingUid = "2.25." + Guid.NewGuid().ToString("N"), CreatedAtUtc = Now };
        @case.Lesions.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id, Lesion = lesion });
        await using var db = database.CreateDbContext();
        db.Add(@case);
        db.Add(new LesionImage
        {
            Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = @case.Id, Kind = ImageKind.Dermoscopic,
            StudyInstanceUid = "2.25.1", SeriesInstanceUid = "2.25.2", SopInstanceUid = "2.25." + Guid.NewGuid().ToString("N"), AcquiredAtUtc = Now,
        });
        await db.SaveChangesAsync();
        return @case.Id;
    }

    [Fact]
    public async Task A_case_with_its_questionnaire_lesions_and_images_round_trips()
    {
        var id = await SaveSubmittedCaseAsync();
        await using var db = database.CreateDbContext();
        var @case = await db.Set<TeleExpertiseCase>().Include(c => c.Patient).Include(c => c.Lesions).ThenInclude(l => l.Lesion).SingleAsync(c => c.Id == id);
        Assert.Equal("Élise", @case.Patient!.GivenName);
        Assert.Equal(new DateOnly(1961, 4, 2), @case.Patient.BirthDate);
        Assert.Equal(Evolution.Growing, @case.Questionnaire.Evolution);
        Assert.True(@case.Questionnaire.FamilyHistoryOfMelanoma);
        Assert.Null(@case.Questionnaire.Immunosuppressed);
        Assert.Equal("39937001", Assert.Single(@case.Lesions).Lesion!.BodySiteCode);
        Assert.Equal(ScoreState.Pending, (await db.Set<LesionImage>().SingleAsync(i => i.CaseId == id)).ScoreState);
    }

    [Fact]
    public async Task A_reader_s_first_view_marked_by_several_loads_at_once_is_marked_once_without_error()
    {
        var id = await SaveSubmittedCaseAsync();
        var queries = new CaseQueries(database, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => queries.MarkViewedAsync(id, "derm-1"))));

        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Set<CaseReadMarker>().CountAsync(m => m.CaseId == id && m.UserId == "derm-1"));
    }

    [Fact]
    public async Task Two_dermatologists_claiming_the_same_case_exactly_one_wins()
    {
        var id = await SaveSubmittedCaseAsync();
        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var seenByFirst = await first.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == id);
        var seenBySecond = await second.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == id);

        CaseLifecycle.Apply(seenByFirst, CaseAction.Claim, "derm-1", Now);
        await first.SaveChangesAsync();
        CaseLifecycle.Apply(seenBySecond, CaseAction.Claim, "derm-2", Now);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateDbContext();
        var stored = await check.Set<TeleExpertiseCase>().Include(c => c.Transitions).SingleAsync(c => c.Id == id);
        Assert.Equal("derm-1", stored.AssignedDermatologistId);
        Assert.Single(stored.Transitions);
    }

    [Fact]
    public async Task A_patient_identifier_is_unique_within_a_practice_but_not_across_practices_nor_without_one()
    {
        await using var db = database.CreateDbContext();
        var (practice, other) = (Guid.NewGuid(), Guid.NewGuid());
        Patient Make(string? nhi, Guid of) => new() { Id = Guid.NewGuid(), PracticeId = of, FamilyName = "Martin", GivenName = "Paul", BirthDate = new DateOnly(1970, 1, 1), NationalHealthId = nhi, CreatedAtUtc = Now };
        db.AddRange(Make(null, practice), Make(null, practice), Make("170017512345678", practice), Make("170017512345678", other));
        await db.SaveChangesAsync();
        db.Add(Make("170017512345678", practice));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public sealed class CasePersistenceTestsOnSqlite() : CasePersistenceTests(DatabaseProvider.Sqlite);

public sealed class CasePersistenceTestsOnPostgreSql() : CasePersistenceTests(DatabaseProvider.PostgreSql);

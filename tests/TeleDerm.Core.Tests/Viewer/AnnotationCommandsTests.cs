using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Core.Viewer;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Viewer;

public abstract class AnnotationCommandsTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessCaseEvents events = new();
    private static readonly ImageGeometry Geometry = new(1000, 800, null, null);

    private AnnotationCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), events, clock);

    private static Actor Person(string id, string role, Guid? department = null) => new(id, id, role, department, null, null);

    private static readonly Actor Dermatologist = Person("derm-1", Roles.Dermatologist, CaseBuilder.Department);

    /// <summary>Two requests about the same lesion: an earlier one with the prior image, a later one with the new image.</summary>
    private async Task<(TeleExpertiseCase Earlier, TeleExpertiseCase Later, LesionImage Prior, LesionImage Current, LesionImage Unrelated)> TwoVisitsAsync()
    {
        await using var db = database.CreateDbContext();
        var earlier = new CaseBuilder().InStatus(CaseStatus.Answered).SubmittedBy("gp-old").Build();
        var later = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        later.PatientId = earlier.PatientId;
        later.Patient = null;
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = earlier.PatientId, BodySiteCode = "77568009", TrackingUid = "2.25." + Random.Shared.NextInt64(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var other = new Lesion { Id = Guid.NewGuid(), PatientId = earlier.PatientId, BodySiteCode = "77568009", TrackingUid = "2.25." + Random.Shared.NextInt64(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        earlier.Lesions.Add(new CaseLesion { LesionId = lesion.Id, Lesion = lesion });
        earlier.Lesions.Add(new CaseLesion { LesionId = other.Id, Lesion = other });
        later.Lesions.Add(new CaseLesion { LesionId = lesion.Id });
        LesionImage Image(TeleExpertiseCase @case, Lesion l, int daysAgo) => new()
        {
            Id = Guid.NewGuid(), LesionId = l.Id, CaseId = @case.Id, Kind = ImageKind.Dermoscopic, StudyInstanceUid = "1.2", SeriesInstanceUid = "1.2.3",
            SopInstanceUid = "1.2.3." + Random.Shared.NextInt64(), AcquiredAtUtc = clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo),
        };
        var (prior, current, unrelated) = (Image(earlier, lesion, 200), Image(later, lesion, 1), Image(earlier, other, 200));
        db.AddRange(earlier, later, prior, current, unrelated);
        await db.SaveChangesAsync();
        return (earlier, later, prior, current, unrelated);
    }

    [Fact]
    public async Task A_ruler_on_the_prior_is_saved_with_the_later_case_audited_and_published()
    {
        var (_, later, prior, _, _) = await TwoVisitsAsync();
        var published = new List<CaseEvent>();
        using var subscription = events.Subscribe(e => published.Add(e));
        await Commands().AddAsync(Dermatologist with { IpAddress = "127.0.0.1" }, later.Id, new AnnotationDraft(prior.Id, AnnotationKind.Ruler, "[[10,10],[310,410]]", "widest"), Geometry with { PixelSpacingRowMm = 0.01, PixelSpacingColumnMm = 0.01 });

        var row = Assert.Single(await new AnnotationQueries(database).ForCaseAsync(later.Id));
        Assert.Equal((prior.SopInstanceUid, AnnotationKind.Ruler, 5.0, "mm", true, "widest"), (row.SopInstanceUid, row.Kind, Math.Round(row.Value!.Value, 9), row.Unit, row.Calibrated, row.Label));
        await using var db = database.CreateDbContext();
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == "case.annotation.added" && e.RecordId == later.Id.ToString() && e.UserId == "derm-1");
        Assert.Contains(published, e => e.CaseId == later.Id && e.Kind == CaseEventKind.AnnotationsChanged);
    }

    [Fact]
    public async Task Images_of_lesions_outside_the_case_and_cases_of_others_are_refused_and_nothing_is_saved()
    {
        var (_, later, _, current, unrelated) = await TwoVisitsAsync();
        var notInCase = await Assert.ThrowsAsync<AnnotationException>(() =>
            Commands().AddAsync(Dermatologist, later.Id, new AnnotationDraft(unrelated.Id, AnnotationKind.Arrow, "[[1,1],[2,2]]"), Geometry));
        Assert.Equal("This image is not one of the lesions of this case.", notInCase.Message);
        var otherGp = await Assert.ThrowsAsync<AnnotationException>(() =>
            Commands().AddAsync(Person("gp-other", Roles.GP), later.Id, new AnnotationDraft(current.Id, AnnotationKind.Arrow, "[[1,1],[2,2]]"), Geometry));
        var otherDepartment = await Assert.ThrowsAsync<AnnotationException>(() =>
            Commands().AddAsync(Person("derm-x", Roles.Dermatologist, Guid.NewGuid()), later.Id, new AnnotationDraft(current.Id, AnnotationKind.Arrow, "[[1,1],[2,2]]"), Geometry));
        Assert.Equal("This case does not exist or is not one you may view.", otherGp.Message);
        Assert.Equal(otherGp.Message, otherDepartment.Message);
        Assert.Empty(await new AnnotationQueries(database).ForCaseAsync(later.Id));
    }

    [Fact]
    public async Task Only_the_author_deletes_an_annotation()
    {
        var (_, later, _, current, _) = await TwoVisitsAsync();
        var saved = await Commands().AddAsync(Dermatologist, later.Id, new AnnotationDraft(current.Id, AnnotationKind.Label, "[[5,5]]", "biopsy here"), Geometry);
        var colleague = Person("derm-2", Roles.Dermatologist, CaseBuilder.Department);
        var refused = await Assert.ThrowsAsync<AnnotationException>(() => Commands().DeleteAsync(colleague, later.Id, saved.Id));
        Assert.Equal("Only the person who drew an annotation can delete it.", refused.Message);
        Assert.Single(await new AnnotationQueries(database).ForCaseAsync(later.Id));
        await Commands().DeleteAsync(Dermatologist, later.Id, saved.Id);
        Assert.Empty(await new AnnotationQueries(database).ForCaseAsync(later.Id));
    }

    [Fact]
    public async Task Whoever_may_view_a_case_may_view_the_priors_of_its_lesions_but_not_other_lesions()
    {
        var (_, later, prior, current, unrelated) = await TwoVisitsAsync();
        var access = new ViewerAccess(database);
        var laterGp = Person("gp-1", Roles.GP);
        Assert.NotNull(await access.ViewableImageAsync(laterGp, prior.SopInstanceUid));
        Assert.NotNull(await access.ViewableImageAsync(laterGp, current.SopInstanceUid));
        Assert.Null(await access.ViewableImageAsync(laterGp, unrelated.SopInstanceUid));
        Assert.Null(await access.ViewableImageAsync(Person("gp-other", Roles.GP), current.SopInstanceUid));
        Assert.Null(await access.ViewableImageAsync(Person("admin", Roles.Admin), current.SopInstanceUid));
        Assert.Null(await access.ViewableImageAsync(laterGp, "1.2.999"));

        var viewer = await new ViewerQueries(database, access).LoadAsync(Dermatologist, later.Id);
        var lesion = Assert.Single(viewer!.Lesions);
        Assert.Equal([prior.Id, current.Id], lesion.Images.Select(i => i.Id));
        Assert.Equal((current.Id, prior.Id), (lesion.DefaultPair().Current!.Id, lesion.DefaultPair().Prior!.Id));
    }
}

public sealed class AnnotationCommandsTestsOnSqlite() : AnnotationCommandsTests(DatabaseProvider.Sqlite);

public sealed class AnnotationCommandsTestsOnPostgreSql() : AnnotationCommandsTests(DatabaseProvider.PostgreSql);

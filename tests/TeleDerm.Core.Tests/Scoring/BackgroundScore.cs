using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Events;
using TeleDerm.Core.Scoring;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Scoring;

/// <summary>What the background scoring worker does to a case, for tests of people's actions meeting it.</summary>
internal static class BackgroundScore
{
    /// <summary>Adds a pending dermoscopic image to the stored case, on a lesion of its own; returns the image's id.</summary>
    public static async Task<Guid> AddPendingImageAsync(TestDatabase database, TeleExpertiseCase @case, DateTime atUtc)
    {
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = "39937001", TrackingUid = "2.25." + Guid.NewGuid().ToString("N"), CreatedAtUtc = atUtc };
        var image = new LesionImage
        {
            Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = @case.Id, Kind = ImageKind.Dermoscopic,
            StudyInstanceUid = "2.25.1", SeriesInstanceUid = "2.25.2", SopInstanceUid = "2.25." + Guid.NewGuid().ToString("N"), AcquiredAtUtc = atUtc,
        };
        await using var db = database.CreateDbContext();
        db.Add(lesion);
        db.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
        db.Add(image);
        await db.SaveChangesAsync();
        return image.Id;
    }

    /// <summary>Records a score for the image through the real scoring queue, as a worker holding it would.</summary>
    public static async Task RecordAsync(TestDatabase database, TimeProvider clock, Guid imageId, double risk)
    {
        var queue = new ScoringQueue(database, clock, Options.Create(new ScoringOptions()), Options.Create(new ServiceLevels()), new InProcessCaseEvents());
        Assert.True(await queue.RecordScoreAsync(await HoldAsync(database, clock, imageId), new ImageScore(risk, "high", "test-model", "1.0.0", new Dictionary<string, double>())));
    }

    /// <summary>
    /// Puts the image in a worker's hands as <see cref="ScoringQueue.TakeDueAsync"/> does (pending, leased for five
    /// minutes), whatever its state: for tests that score one chosen image, or score it again as another model would.
    /// </summary>
    public static async Task<ScoringLease> HoldAsync(TestDatabase database, TimeProvider clock, Guid imageId)
    {
        await using var db = database.CreateDbContext();
        var caseId = await db.Set<LesionImage>().Where(i => i.Id == imageId).Select(i => i.CaseId).SingleAsync();
        var lease = new ScoringLease(imageId, caseId, clock.GetUtcNow().UtcDateTime.AddMinutes(5));
        await db.Set<LesionImage>().Where(i => i.Id == imageId).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.ScoreState, ScoreState.Pending)
            .SetProperty(i => i.NextScoreAttemptAtUtc, lease.Until));
        return lease;
    }
}

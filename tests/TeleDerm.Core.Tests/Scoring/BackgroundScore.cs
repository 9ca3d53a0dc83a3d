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

    /// <summary>Records a score for the image through the real scoring queue.</summary>
    public static Task RecordAsync(TestDatabase database, TimeProvider clock, Guid imageId, double risk) =>
        new ScoringQueue(database, clock, Options.Create(new ScoringOptions()), Options.Create(new ServiceLevels()), new InProcessCaseEvents())
            .RecordScoreAsync(imageId, new ImageScore(risk, "high", "test-model", "1.0.0", new Dictionary<string, double>()));
}

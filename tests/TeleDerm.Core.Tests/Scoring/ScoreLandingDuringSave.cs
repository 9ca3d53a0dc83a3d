using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Scoring;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Scoring;

/// <summary>
/// Hands out contexts of the test database; right before the first one saves, the real scoring queue records a
/// score for an image of the case (what the background worker does at any moment). For tests of people's actions
/// meeting a background score.
/// </summary>
internal sealed class ScoreLandingDuringSave(TestDatabase database, TimeProvider clock, Guid imageId, double risk) : IDbContextFactory<TeleDermDbContext>
{
    public bool Landed { get; private set; }

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

    public TeleDermDbContext CreateDbContext()
    {
        var context = database.CreateDbContext();
        if (!Landed)
        {
            context.SavingChanges += (_, _) =>
            {
                if (!Landed)
                {
                    Landed = true;
                    var queue = new ScoringQueue(database, clock, Options.Create(new ScoringOptions()), Options.Create(new ServiceLevels()), new InProcessCaseEvents());
                    queue.RecordScoreAsync(imageId, new ImageScore(risk, "high", "test-model", "1.0.0", new Dictionary<string, double>())).GetAwaiter().GetResult();
                }
            };
        }
        return context;
    }
}

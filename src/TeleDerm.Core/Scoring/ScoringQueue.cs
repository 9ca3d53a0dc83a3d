using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;

namespace TeleDerm.Core.Scoring;

/// <summary>
/// The scoring queue is the set of images in state Pending whose next attempt is due: it lives in the
/// database, so a restart finds the pending work again. Taking an image is a conditional update of its
/// next-attempt time (a lease), so two workers, in one process or two, never score the same image at once.
/// </summary>
public sealed class ScoringQueue(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    TimeProvider clock,
    IOptions<ScoringOptions> options,
    IOptions<ServiceLevels> serviceLevels,
    ICaseEventPublisher events)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>How many images wait to be scored, due or not: the operator's gauge (read when it is collected).</summary>
    public long PendingCount()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Set<LesionImage>().LongCount(i => i.ScoreState == ScoreState.Pending);
    }

    /// <summary>Takes up to <paramref name="max"/> due images, each with a lease, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> TakeDueAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var candidates = await db.Set<LesionImage>().AsNoTracking()
            .Where(i => i.ScoreState == ScoreState.Pending && (i.NextScoreAttemptAtUtc == null || i.NextScoreAttemptAtUtc <= now))
            .OrderBy(i => i.AcquiredAtUtc)
            .Select(i => new { i.Id, i.NextScoreAttemptAtUtc })
            .Take(max * 2)
            .ToListAsync(cancellationToken);
        var taken = new List<Guid>();
        var leaseUntil = now + options.Value.Lease;
        foreach (var candidate in candidates)
        {
            if (taken.Count == max)
            {
                break;
            }
            var seen = candidate.NextScoreAttemptAtUtc;
            var won = await db.Set<LesionImage>()
                .Where(i => i.Id == candidate.Id && i.ScoreState == ScoreState.Pending && i.NextScoreAttemptAtUtc == seen)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.NextScoreAttemptAtUtc, leaseUntil), cancellationToken);
            if (won == 1)
            {
                taken.Add(candidate.Id);
            }
        }
        return taken;
    }

    public async Task<(LesionImage Image, Patient Patient)?> LoadAsync(Guid imageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.Set<LesionImage>().AsNoTracking().Include(i => i.Lesion).ThenInclude(l => l!.Patient)
            .SingleOrDefaultAsync(i => i.Id == imageId, cancellationToken);
        return image?.Lesion?.Patient is { } patient ? (image, patient) : null;
    }

    /// <summary>
    /// Stores the score on the image, then sets the case's risk (the highest of its scored images) and its worklist
    /// deadline, and tells the screens. The case row is written without renewing its <see cref="TeleExpertiseCase.Version"/>:
    /// that version guards what people do (claim, answer, sign), and a score arriving in the background must not
    /// make their save fail as "someone changed this case". Two scores of one case landing at once are kept apart
    /// by a compare-and-set on the risk instead: the update applies only if the risk is still the one read, else
    /// it is computed again from the stored images (so a re-score may also lower it).
    /// </summary>
    public async Task RecordScoreAsync(Guid imageId, ImageScore score, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.Set<LesionImage>().SingleAsync(i => i.Id == imageId, cancellationToken);
        image.ScoreState = ScoreState.Scored;
        image.Risk = score.Risk;
        image.RiskBand = score.Band;
        image.ModelName = score.ModelName;
        image.ModelVersion = score.ModelVersion;
        image.FeaturesJson = JsonSerializer.Serialize(score.Features);
        image.ScoreError = null;
        image.ScoredAtUtc = Now;
        image.NextScoreAttemptAtUtc = null;
        image.ScoreAttempts++;
        await db.SaveChangesAsync(cancellationToken);
        await UpdateCaseRiskAsync(db, image.CaseId, imageId, cancellationToken);
    }

    /// <summary>
    /// The active model is not for this photo's kind: no score, and any score an earlier model gave is removed,
    /// so the case's risk (and its place in the worklist) no longer counts it.
    /// </summary>
    public async Task RecordNotForModelAsync(Guid imageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.Set<LesionImage>().SingleAsync(i => i.Id == imageId, cancellationToken);
        image.ScoreState = ScoreState.NotForModel;
        image.Risk = null;
        image.RiskBand = null;
        image.ModelName = null;
        image.ModelVersion = null;
        image.FeaturesJson = null;
        image.ScoreError = null;
        image.ScoredAtUtc = null;
        image.NextScoreAttemptAtUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        await UpdateCaseRiskAsync(db, image.CaseId, imageId, cancellationToken);
    }

    /// <summary>
    /// Sets the case's risk (the highest of its scored images) and its worklist deadline, and tells the screens.
    /// A compare-and-set on the risk keeps two scores of one case landing at once apart (see <see cref="RecordScoreAsync"/>).
    /// </summary>
    private async Task UpdateCaseRiskAsync(TeleDermDbContext db, Guid caseId, Guid imageId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
            var riskRead = @case.MaxRisk;
            // The new risk and, by the worklist's own rule, the deadline that follows from it (on this untracked copy).
            @case.MaxRisk = await db.Set<LesionImage>().Where(i => i.CaseId == @case.Id && i.Risk != null).MaxAsync(i => i.Risk, cancellationToken);
            TriagePriority.Update(@case, serviceLevels.Value);
            var updated = await db.Set<TeleExpertiseCase>()
                .Where(c => c.Id == @case.Id && c.MaxRisk == riskRead)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.MaxRisk, @case.MaxRisk)
                    .SetProperty(c => c.PriorityDueAtUtc, @case.PriorityDueAtUtc)
                    .SetProperty(c => c.LastActivityAtUtc, Now), cancellationToken);
            if (updated == 1)
            {
                events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.ImageScored, Now));
                return;
            }
        }
        throw new InvalidOperationException($"The risk of the case of image {imageId} kept changing under ten attempts to update it.");
    }

    /// <summary>Schedules another attempt with doubling delay, or marks the image failed with the reason after the last one.</summary>
    public async Task RecordFailureAsync(Guid imageId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.Set<LesionImage>().SingleAsync(i => i.Id == imageId, cancellationToken);
        image.ScoreAttempts++;
        image.ScoreError = reason.Length <= 1000 ? reason : reason[..1000];
        if (image.ScoreAttempts >= options.Value.MaxAttempts)
        {
            image.ScoreState = ScoreState.Failed;
            image.NextScoreAttemptAtUtc = null;
        }
        else
        {
            image.NextScoreAttemptAtUtc = Now + options.Value.RetryDelay * Math.Pow(2, image.ScoreAttempts - 1);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Puts every image back in the queue (an administrator chose another model). Returns how many.</summary>
    public async Task<int> RequeueAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<LesionImage>().ExecuteUpdateAsync(set => set
            .SetProperty(i => i.ScoreState, ScoreState.Pending)
            .SetProperty(i => i.ScoreAttempts, 0)
            .SetProperty(i => i.NextScoreAttemptAtUtc, (DateTime?)null)
            .SetProperty(i => i.ScoreError, (string?)null), cancellationToken);
    }

    public async Task<ScoringProgress> ProgressAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<LesionImage>().GroupBy(i => i.ScoreState).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(ScoreState state) => counts.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
        return new ScoringProgress(Count(ScoreState.Pending), Count(ScoreState.Scored), Count(ScoreState.Failed));
    }
}

public sealed record ScoringProgress(int Pending, int Scored, int Failed)
{
    public int Total => Pending + Scored + Failed;
}

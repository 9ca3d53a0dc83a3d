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
/// A result is written only while its worker still holds the lease: a worker slower than its lease (or one whose
/// instance was thought dead) finds the image taken by another and its result is dropped, so each image is scored
/// once, whichever instance does it.
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
    public async Task<IReadOnlyList<ScoringLease>> TakeDueAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var candidates = await db.Set<LesionImage>().AsNoTracking()
            .Where(i => i.ScoreState == ScoreState.Pending && (i.NextScoreAttemptAtUtc == null || i.NextScoreAttemptAtUtc <= now))
            .OrderBy(i => i.AcquiredAtUtc)
            .Select(i => new { i.Id, i.CaseId, i.NextScoreAttemptAtUtc })
            .Take(max * 2)
            .ToListAsync(cancellationToken);
        var taken = new List<ScoringLease>();
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
                taken.Add(new ScoringLease(candidate.Id, candidate.CaseId, leaseUntil));
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
    /// <returns>False when the lease was lost (another worker has the image): nothing was written.</returns>
    public async Task<bool> RecordScoreAsync(ScoringLease lease, ImageScore score, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var features = JsonSerializer.Serialize(score.Features);
        var written = await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.ScoreState, ScoreState.Scored)
            .SetProperty(i => i.Risk, score.Risk)
            .SetProperty(i => i.RiskBand, score.Band)
            .SetProperty(i => i.ModelName, score.ModelName)
            .SetProperty(i => i.ModelVersion, score.ModelVersion)
            .SetProperty(i => i.FeaturesJson, features)
            .SetProperty(i => i.ScoreError, (string?)null)
            .SetProperty(i => i.ScoredAtUtc, now)
            .SetProperty(i => i.NextScoreAttemptAtUtc, (DateTime?)null)
            .SetProperty(i => i.ScoreAttempts, i => i.ScoreAttempts + 1), cancellationToken);
        if (written == 0)
        {
            return false;
        }
        await UpdateCaseRiskAsync(db, lease.CaseId, lease.ImageId, cancellationToken);
        return true;
    }

    /// <summary>The image, only while this lease holds it (pending, with the lease's time as its next attempt).</summary>
    private static IQueryable<LesionImage> Held(TeleDermDbContext db, ScoringLease lease) =>
        db.Set<LesionImage>().Where(i => i.Id == lease.ImageId && i.ScoreState == ScoreState.Pending && i.NextScoreAttemptAtUtc == lease.Until);

    /// <summary>
    /// The active model is not for this photo's kind: no score, and any score an earlier model gave is removed,
    /// so the case's risk (and its place in the worklist) no longer counts it.
    /// </summary>
    /// <returns>False when the lease was lost (another worker has the image): nothing was written.</returns>
    public async Task<bool> RecordNotForModelAsync(ScoringLease lease, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var written = await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.ScoreState, ScoreState.NotForModel)
            .SetProperty(i => i.Risk, (double?)null)
            .SetProperty(i => i.RiskBand, (string?)null)
            .SetProperty(i => i.ModelName, (string?)null)
            .SetProperty(i => i.ModelVersion, (string?)null)
            .SetProperty(i => i.FeaturesJson, (string?)null)
            .SetProperty(i => i.ScoreError, (string?)null)
            .SetProperty(i => i.ScoredAtUtc, (DateTime?)null)
            .SetProperty(i => i.NextScoreAttemptAtUtc, (DateTime?)null), cancellationToken);
        if (written == 0)
        {
            return false;
        }
        await UpdateCaseRiskAsync(db, lease.CaseId, lease.ImageId, cancellationToken);
        return true;
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
    /// <returns>False when the lease was lost (another worker has the image): nothing was written.</returns>
    public async Task<bool> RecordFailureAsync(ScoringLease lease, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempts = await Held(db, lease).Select(i => (int?)i.ScoreAttempts).SingleOrDefaultAsync(cancellationToken) + 1;
        if (attempts is not { } attempt)
        {
            return false;
        }
        var failed = attempt >= options.Value.MaxAttempts;
        DateTime? nextAttempt = failed ? null : Now + options.Value.RetryDelay * Math.Pow(2, attempt - 1);
        var error = reason.Length <= 1000 ? reason : reason[..1000];
        return await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.ScoreAttempts, attempt)
            .SetProperty(i => i.ScoreError, error)
            .SetProperty(i => i.ScoreState, failed ? ScoreState.Failed : ScoreState.Pending)
            .SetProperty(i => i.NextScoreAttemptAtUtc, nextAttempt), cancellationToken) == 1;
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

/// <summary>
/// A worker's hold on one image (of case <see cref="CaseId"/>, whose risk its result updates) until <see cref="Until"/>,
/// stored as the image's next-attempt time: its results are written only while it holds.
/// </summary>
public sealed record ScoringLease(Guid ImageId, Guid CaseId, DateTime Until);

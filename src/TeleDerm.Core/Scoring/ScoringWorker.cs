using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Observability;

namespace TeleDerm.Core.Scoring;

/// <summary>
/// Scores new lesion images in the background, a bounded number at a time. Intake calls <see cref="Wake"/>
/// after storing images; otherwise the worker looks for due work every poll interval. Scoring never
/// blocks intake: a failure is recorded on the image and retried, never thrown at the GP.
/// </summary>
public sealed class ScoringWorker(
    ScoringQueue queue,
    ILesionImageScorer scorer,
    IOptions<ScoringOptions> options,
    ILogger<ScoringWorker> logger,
    TeleDermTelemetry? telemetry = null,
    Imaging.IImageRenditions? renditions = null) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);

    public void Wake() => wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var processed = await ProcessDueAsync(stoppingToken);
                if (processed > 0)
                {
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The scoring loop failed; it will try again");
            }
            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: take due images and score them, at most MaxConcurrency at once. Returns how many were processed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var concurrency = Math.Max(1, options.Value.MaxConcurrency);
        var due = await queue.TakeDueAsync(concurrency * 4, cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (lease, token) => await ScoreOneAsync(lease, token));
        return due.Count;
    }

    private async Task ScoreOneAsync(ScoringLease lease, CancellationToken cancellationToken)
    {
        using var activity = TeleDermTelemetry.Activities.StartActivity("score image");
        activity?.SetTag("telederm.image_id", lease.ImageId);
        var started = Stopwatch.GetTimestamp();
        var outcome = await ScoreAsync(lease, cancellationToken);
        activity?.SetTag("telederm.outcome", outcome);
        telemetry?.ScoringDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>
    /// Scores one image and records the result; returns what happened (scored, failed, not-for-model, gone, or
    /// lease-lost: another worker took the image meanwhile and its result stands, this one is dropped).
    /// </summary>
    private async Task<string> ScoreAsync(ScoringLease lease, CancellationToken cancellationToken)
    {
        var imageId = lease.ImageId;
        var loaded = await queue.LoadAsync(imageId, cancellationToken);
        if (loaded is not { } work)
        {
            return "gone";
        }
        try
        {
            if (!await scorer.IsForAsync(work.Image.Kind, cancellationToken))
            {
                return await queue.RecordNotForModelAsync(lease, cancellationToken) ? "not-for-model" : LeaseLost(imageId);
            }
            var score = await scorer.ScoreAsync(work.Image, work.Patient, cancellationToken);
            return await queue.RecordScoreAsync(lease, score, cancellationToken) ? "scored" : LeaseLost(imageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Scoring image {ImageId} failed", imageId);
            return await queue.RecordFailureAsync(lease, ex.Message, cancellationToken) ? "failed" : LeaseLost(imageId);
        }
        finally
        {
            // The viewer's tiles are made after the score (which orders the worklist), whatever its outcome.
            renditions?.Prepare(work.Image);
        }
    }

    private string LeaseLost(Guid imageId)
    {
        logger.LogWarning("Image {ImageId} was taken by another worker while this one scored it (lease {Lease} ran out): this result is dropped",
            imageId, options.Value.Lease);
        return "lease-lost";
    }
}

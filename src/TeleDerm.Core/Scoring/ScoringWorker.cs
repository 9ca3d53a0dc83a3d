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
    TeleDermTelemetry? telemetry = null) : BackgroundService
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
            async (imageId, token) => await ScoreOneAsync(imageId, token));
        return due.Count;
    }

    private async Task ScoreOneAsync(Guid imageId, CancellationToken cancellationToken)
    {
        using var activity = TeleDermTelemetry.Activities.StartActivity("score image");
        activity?.SetTag("telederm.image_id", imageId);
        var started = Stopwatch.GetTimestamp();
        var outcome = await ScoreAsync(imageId, cancellationToken);
        activity?.SetTag("telederm.outcome", outcome);
        telemetry?.ScoringDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Scores one image and records the result; returns what happened (scored, failed, not-for-model, gone).</summary>
    private async Task<string> ScoreAsync(Guid imageId, CancellationToken cancellationToken)
    {
        var loaded = await queue.LoadAsync(imageId, cancellationToken);
        if (loaded is not { } work)
        {
            return "gone";
        }
        try
        {
            if (!await scorer.IsForAsync(work.Image.Kind, cancellationToken))
            {
                await queue.RecordNotForModelAsync(imageId, cancellationToken);
                return "not-for-model";
            }
            var score = await scorer.ScoreAsync(work.Image, work.Patient, cancellationToken);
            await queue.RecordScoreAsync(imageId, score, cancellationToken);
            return "scored";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Scoring image {ImageId} failed", imageId);
            await queue.RecordFailureAsync(imageId, ex.Message, cancellationToken);
            return "failed";
        }
    }
}

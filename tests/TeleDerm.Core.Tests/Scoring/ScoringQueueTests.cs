using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Observability;
using TeleDerm.Core.Scoring;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Scoring;

public abstract class ScoringQueueTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessCaseEvents events = new();
    private readonly ScoringOptions options = new() { MaxAttempts = 3, RetryDelay = TimeSpan.FromSeconds(30), Lease = TimeSpan.FromMinutes(5), MaxConcurrency = 2 };

    private ScoringQueue Queue() => new(database, clock, Options.Create(options), Options.Create(new ServiceLevels()), events);

    private ScoringWorker Worker(ILesionImageScorer scorer) => new(Queue(), scorer, Options.Create(options), NullLogger<ScoringWorker>.Instance);

    /// <summary>A submitted case with <paramref name="images"/> pending images; returns the case id.</summary>
    private async Task<Guid> SubmittedCaseWithImagesAsync(int images)
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.Submitted).Build();
        TriagePriority.Update(@case, new ServiceLevels());
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = "39937001", TrackingUid = "2.25." + Guid.NewGuid().ToString("N"), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        @case.Lesions.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id, Lesion = lesion });
        await using var db = database.CreateDbContext();
        db.Add(@case);
        for (var i = 0; i < images; i++)
        {
            db.Add(new LesionImage
            {
                Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = @case.Id, Kind = ImageKind.Dermoscopic,
                StudyInstanceUid = "2.25.1", SeriesInstanceUid = "2.25.2", SopInstanceUid = "2.25." + Guid.NewGuid().ToString("N"),
                AcquiredAtUtc = clock.GetUtcNow().UtcDateTime.AddSeconds(i),
            });
        }
        await db.SaveChangesAsync();
        return @case.Id;
    }

    private async Task<List<LesionImage>> ImagesAsync(Guid caseId)
    {
        await using var db = database.CreateDbContext();
        return await db.Set<LesionImage>().Where(i => i.CaseId == caseId).OrderBy(i => i.AcquiredAtUtc).ToListAsync();
    }

    [Fact]
    public async Task A_pending_image_is_scored_and_its_case_moves_up_the_worklist_and_screens_are_told()
    {
        var caseId = await SubmittedCaseWithImagesAsync(2);
        DateTime? priorityBefore;
        await using (var db = database.CreateDbContext())
        {
            priorityBefore = (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId)).PriorityDueAtUtc;
        }
        var received = new List<CaseEvent>();
        using var subscription = events.Subscribe(received.Add);
        var scorer = new RecordingScorer(risks: [0.2, 0.85]);

        Assert.Equal(2, await Worker(scorer).ProcessDueAsync(CancellationToken.None));

        var images = await ImagesAsync(caseId);
        Assert.All(images, i => Assert.Equal(ScoreState.Scored, i.ScoreState));
        Assert.All(images, i => Assert.Equal(("test-model", "1.2.0"), (i.ModelName, i.ModelVersion)));
        Assert.Contains("\"asymmetry\":", images[0].FeaturesJson, StringComparison.Ordinal);
        await using var check = database.CreateDbContext();
        var @case = await check.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId);
        Assert.Equal(0.85, @case.MaxRisk);
        Assert.True(@case.PriorityDueAtUtc < priorityBefore);
        Assert.Equal(2, received.Count(e => e.CaseId == caseId && e.Kind == CaseEventKind.ImageScored));
    }

    [Fact]
    public async Task Each_photo_scored_records_how_long_it_took_with_its_outcome()
    {
        await SubmittedCaseWithImagesAsync(2);
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = metrics.GetRequiredService<IMeterFactory>();
        using var telemetry = new TeleDermTelemetry(meters);
        using var durations = new MetricCollector<double>(meters, TeleDermTelemetry.Name, "telederm.scoring.duration");
        var worker = new ScoringWorker(Queue(), new RecordingScorer(risks: [0.2, 0.85]), Options.Create(options), NullLogger<ScoringWorker>.Instance, telemetry);

        Assert.Equal(2, await worker.ProcessDueAsync(CancellationToken.None));

        var measured = durations.GetMeasurementSnapshot();
        Assert.Equal(2, measured.Count);
        Assert.All(measured, m => Assert.Equal("scored", m.Tags["outcome"]));
        Assert.All(measured, m => Assert.True(m.Value > 0));
    }

    [Fact]
    public async Task A_score_leaves_the_case_version_alone_and_a_rescore_can_lower_the_risk()
    {
        var caseId = await SubmittedCaseWithImagesAsync(2);
        var images = await ImagesAsync(caseId);
        Guid versionBefore;
        await using (var db = database.CreateDbContext())
        {
            versionBefore = (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId)).Version;
        }
        await RecordAsync(images[0].Id, Score(0.9));
        await RecordAsync(images[1].Id, Score(0.3));
        Assert.Equal((0.9, versionBefore), await RiskAndVersionAsync(caseId));
        // Another model scores the first image lower: the case's risk is the highest of its images now.
        await RecordAsync(images[0].Id, Score(0.1));
        Assert.Equal((0.3, versionBefore), await RiskAndVersionAsync(caseId));
    }

    [Fact]
    public async Task Scores_of_one_case_recorded_at_once_leave_the_highest()
    {
        var caseId = await SubmittedCaseWithImagesAsync(6);
        var images = await ImagesAsync(caseId);
        await Task.WhenAll(images.Select((image, i) => Task.Run(() => RecordAsync(image.Id, Score(0.1 + 0.1 * i)))));
        Assert.Equal(0.6, (await RiskAndVersionAsync(caseId)).Risk!.Value, 9);
    }

    [Fact]
    public async Task A_clinical_photo_is_left_unscored_by_a_dermoscopy_model_and_its_old_score_leaves_the_case_risk()
    {
        var caseId = await SubmittedCaseWithImagesAsync(2);
        var images = await ImagesAsync(caseId);
        // An earlier model scored both; the clinical photo scored highest.
        await RecordAsync(images[0].Id, Score(0.3));
        await RecordAsync(images[1].Id, Score(0.9));
        await using (var db = database.CreateDbContext())
        {
            await db.Set<LesionImage>().Where(i => i.Id == images[1].Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Kind, ImageKind.Clinical));
        }
        Assert.Equal(2, await Queue().RequeueAllAsync());
        var scorer = new RecordingScorer(risks: [0.4]);

        Assert.Equal(2, await Worker(scorer).ProcessDueAsync(CancellationToken.None));

        Assert.Equal(1, scorer.Calls);
        var after = await ImagesAsync(caseId);
        var clinical = after.Single(i => i.Id == images[1].Id);
        Assert.Equal(ScoreState.NotForModel, clinical.ScoreState);
        Assert.Null(clinical.Risk);
        Assert.Null(clinical.ModelName);
        Assert.Equal(0.4, (await RiskAndVersionAsync(caseId)).Risk);
    }

    /// <summary>Scores the image as a worker holding it would (the tests choose which image and which score).</summary>
    private async Task RecordAsync(Guid imageId, ImageScore score) =>
        Assert.True(await Queue().RecordScoreAsync(await BackgroundScore.HoldAsync(database, clock, imageId), score));

    private static ImageScore Score(double risk) => new(risk, "band", "test-model", "1.2.0", new Dictionary<string, double>());

    private async Task<(double? Risk, Guid Version)> RiskAndVersionAsync(Guid caseId)
    {
        await using var db = database.CreateDbContext();
        var @case = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId);
        return (@case.MaxRisk, @case.Version);
    }

    [Fact]
    public async Task A_failing_image_is_retried_with_growing_delays_then_marked_failed_with_the_reason()
    {
        var caseId = await SubmittedCaseWithImagesAsync(1);
        var worker = Worker(new RecordingScorer(failWith: "The DICOM store did not answer."));

        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        var afterFirst = Assert.Single(await ImagesAsync(caseId));
        Assert.Equal(ScoreState.Pending, afterFirst.ScoreState);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(30), afterFirst.NextScoreAttemptAtUtc);
        Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None)); // not due yet

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(60), Assert.Single(await ImagesAsync(caseId)).NextScoreAttemptAtUtc);

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        var failed = Assert.Single(await ImagesAsync(caseId));
        Assert.Equal(ScoreState.Failed, failed.ScoreState);
        Assert.Equal("The DICOM store did not answer.", failed.ScoreError);
        Assert.Equal(3, failed.ScoreAttempts);
    }

    [Fact]
    public async Task Two_workers_never_take_the_same_image()
    {
        await SubmittedCaseWithImagesAsync(6);
        var first = Queue();
        var second = Queue();
        var taken = await Task.WhenAll(first.TakeDueAsync(4), second.TakeDueAsync(4));
        Assert.Equal(6, taken.SelectMany(t => t).Select(lease => lease.ImageId).Distinct().Count());
        Assert.Equal(6, taken.Sum(t => t.Count));
    }

    [Fact]
    public async Task Work_taken_by_a_worker_that_died_is_taken_again_when_its_lease_runs_out()
    {
        var caseId = await SubmittedCaseWithImagesAsync(1);
        Assert.Single(await Queue().TakeDueAsync(1)); // this worker "dies" before recording anything
        Assert.Empty(await Queue().TakeDueAsync(1)); // a restarted app sees it leased
        clock.Advance(TimeSpan.FromMinutes(6));
        var scorer = new RecordingScorer(risks: [0.4]);
        Assert.Equal(1, await Worker(scorer).ProcessDueAsync(CancellationToken.None));
        Assert.Equal(ScoreState.Scored, Assert.Single(await ImagesAsync(caseId)).ScoreState);
    }

    [Fact]
    public async Task A_worker_slower_than_its_lease_finds_the_image_taken_and_its_result_is_dropped()
    {
        var caseId = await SubmittedCaseWithImagesAsync(1);
        var slow = Assert.Single(await Queue().TakeDueAsync(1));
        clock.Advance(TimeSpan.FromMinutes(6)); // the slow worker's lease runs out: another instance takes the image
        var other = Assert.Single(await Queue().TakeDueAsync(1));
        Assert.NotEqual(slow.Until, other.Until);

        Assert.True(await Queue().RecordScoreAsync(other, Score(0.2)));
        Assert.False(await Queue().RecordScoreAsync(slow, Score(0.9)));
        Assert.False(await Queue().RecordFailureAsync(slow, "too late"));
        Assert.False(await Queue().RecordNotForModelAsync(slow));

        var image = Assert.Single(await ImagesAsync(caseId));
        Assert.Equal((ScoreState.Scored, 0.2, 1, (string?)null), (image.ScoreState, image.Risk, image.ScoreAttempts, image.ScoreError));
        Assert.Equal(0.2, (await RiskAndVersionAsync(caseId)).Risk);
    }

    [Fact]
    public async Task No_more_images_are_scored_at_once_than_allowed()
    {
        await SubmittedCaseWithImagesAsync(8);
        var scorer = new RecordingScorer(risks: [0.1], delay: TimeSpan.FromMilliseconds(50));
        await Worker(scorer).ProcessDueAsync(CancellationToken.None);
        Assert.Equal(8, scorer.Calls);
        Assert.InRange(scorer.MaxConcurrent, 1, options.MaxConcurrency);
    }

    [Fact]
    public async Task Rescoring_with_another_model_puts_every_image_back_in_the_queue()
    {
        var caseId = await SubmittedCaseWithImagesAsync(3);
        await Worker(new RecordingScorer(risks: [0.3])).ProcessDueAsync(CancellationToken.None);
        Assert.Equal(new ScoringProgress(0, 3, 0), await Queue().ProgressAsync());
        Assert.Equal(3, await Queue().RequeueAllAsync());
        Assert.Equal(new ScoringProgress(3, 0, 0), await Queue().ProgressAsync());
        Assert.All(await ImagesAsync(caseId), i => Assert.Equal(0, i.ScoreAttempts));
    }

    /// <summary>Stands in for the ONNX scorer (tested on its own): returns given risks in turn, or fails, and counts concurrency.</summary>
    private sealed class RecordingScorer(double[]? risks = null, string? failWith = null, TimeSpan? delay = null) : ILesionImageScorer
    {
        private int calls, running, maxConcurrent;

        public int Calls => calls;
        public int MaxConcurrent => maxConcurrent;

        /// <summary>Like the bundled model's card: dermoscopic photos only.</summary>
        public Task<bool> IsForAsync(ImageKind kind, CancellationToken cancellationToken) => Task.FromResult(kind == ImageKind.Dermoscopic);

        public async Task<ImageScore> ScoreAsync(LesionImage image, Patient patient, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref calls) - 1;
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxConcurrent, now);
            try
            {
                await Task.Delay(delay ?? TimeSpan.Zero, cancellationToken);
                if (failWith is not null)
                {
                    throw new InvalidOperationException(failWith);
                }
                var risk = risks![index % risks.Length];
                return new ImageScore(risk, risk > 0.5 ? "high" : "low", "test-model", "1.2.0", new Dictionary<string, double> { ["asymmetry"] = 0.3 });
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}

public sealed class ScoringQueueTestsOnSqlite() : ScoringQueueTests(DatabaseProvider.Sqlite);

public sealed class ScoringQueueTestsOnPostgreSql() : ScoringQueueTests(DatabaseProvider.PostgreSql);

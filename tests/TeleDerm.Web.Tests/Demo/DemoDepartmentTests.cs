using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using ImageKind = TeleDerm.Core.Cases.ImageKind;
using TeleDerm.Core.Data;
using TeleDerm.Dicom.Stores;
using TeleDerm.SampleImages;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Demo;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Demo;

/// <summary>
/// The demo department, seeded from a manifest in the shape `teleDerm samples generate` writes (here over
/// real dermoscopy images from the shared data, so that this test does not depend on the committed samples).
/// </summary>
public sealed class DemoDepartmentTests : IDisposable
{
    private readonly string samples = Directory.CreateTempSubdirectory("teleDerm-demo-samples-").FullName;
    private readonly TeleDermAppFactory app;

    public DemoDepartmentTests()
    {
        var images = new[] { "ISIC_0000031.jpg", "ISIC_0000036.jpg" };
        foreach (var image in images)
        {
            File.Copy(RepoPaths.IsicPhoto(image), Path.Combine(samples, image));
        }
        // Twelve lesions: enough for every status of the latest visit; visits 3 and 2 months apart.
        var lesions = Enumerable.Range(1, 12).Select(i => new SampleLesion($"L{i:00}", i % 2 == 0 ? "suspicious" : "benign", 1 + i % 6, i % 3 == 0 ? "leg" : "back",
            [.. Enumerable.Range(1, i % 4 == 0 ? 3 : 2).Select(v => new SampleVisit(v, (i % 4 == 0 ? 3 : 2) - v == 0 ? 0 : 3 * ((i % 4 == 0 ? 3 : 2) - v),
                [new SampleImage(images[(i + v) % 2], "dermoscopic", 1022, 767, 0.02, 6)]))])).ToList();
        File.WriteAllText(Path.Combine(samples, SampleManifest.FileName), new SampleManifest("test", 7, lesions).ToJson());
        app = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Demo:Enabled"] = "true",
            ["TeleDerm:Demo:SamplesDirectory"] = samples,
        });
    }

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(samples, recursive: true);
    }

    private async Task<TeleDermDbContext> DbAsync()
    {
        _ = app.CreateClient(); // starts the app: migrations, demo accounts, demo department
        var scope = app.Services.CreateAsyncScope();
        return await Task.FromResult(scope.ServiceProvider.GetRequiredService<TeleDermDbContext>());
    }

    [Fact]
    public async Task The_demo_department_has_cases_in_every_status_lesions_with_priors_and_answers()
    {
        var db = await DbAsync();
        var cases = await db.Set<TeleExpertiseCase>().Include(c => c.Messages).Include(c => c.Transitions).ToListAsync();

        Assert.Equal(12 * 2 + 3, cases.Count);
        foreach (var status in Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Draft))
        {
            Assert.Contains(cases, c => c.Status == status);
        }
        // Every lesion has images from two or three dates: the viewer has priors.
        var images = await db.Set<LesionImage>().ToListAsync();
        Assert.All(images.GroupBy(i => i.LesionId), lesion => Assert.InRange(lesion.Select(i => i.AcquiredAtUtc.Date).Distinct().Count(), 2, 3));
        // Answered and closed cases carry an answer; waiting cases a question.
        var answered = await db.Set<CaseAnswer>().Select(a => a.CaseId).ToListAsync();
        Assert.All(cases.Where(c => c.Status is CaseStatus.Answered or CaseStatus.Closed), c => Assert.Contains(c.Id, answered));
        Assert.All(cases.Where(c => c.Status == CaseStatus.WaitingForGp), c => Assert.Contains(c.Messages, m => m.Kind == MessageKind.Question));
        // What the dashboard counts is on each case: answered ones carry their answer's outcome, questions their first time.
        var managements = await db.Set<CaseAnswer>().ToDictionaryAsync(a => a.CaseId, a => a.Management);
        Assert.All(cases.Where(c => c.Status is CaseStatus.Answered or CaseStatus.Closed), c =>
        {
            Assert.Equal(c.AnsweredAtUtc, c.EndedAtUtc);
            Assert.Equal(CaseOutcomes.Of(managements[c.Id]), c.Outcome);
        });
        Assert.All(cases.Where(c => c.Messages.Any(m => m.Kind == MessageKind.Question)),
            c => Assert.Equal(c.Messages.Where(m => m.Kind == MessageKind.Question).Min(m => m.AtUtc), c.FirstQuestionAtUtc));
        // Each history, in time order, is a chain of transitions from draft to the case's status, all in the past.
        var now = DateTime.UtcNow;
        Assert.All(cases, c =>
        {
            var history = c.Transitions.OrderBy(t => t.AtUtc).ToList();
            Assert.Equal(CaseStatus.Draft, history[0].From);
            Assert.True(history.Zip(history.Skip(1)).All(p => p.First.To == p.Second.From), c.Reference);
            Assert.Equal(c.Status, history[^1].To);
            Assert.True(history[^1].AtUtc <= now, c.Reference);
        });
        // The photos are real DICOM instances of the store, dated at their visit.
        var store = app.Services.GetRequiredService<IDicomStore>();
        var first = images.OrderBy(i => i.AcquiredAtUtc).First();
        var trackingUid = await db.Set<Lesion>().Where(l => l.Id == first.LesionId).Select(l => l.TrackingUid).SingleAsync();
        var stored = Assert.Single(await store.FindAsync(new DicomInstanceQuery { TrackingUid = trackingUid }), s => s.Key.SopInstanceUid == first.SopInstanceUid);
        Assert.Equal(DateOnly.FromDateTime(first.AcquiredAtUtc), DateOnly.FromDateTime(stored.AcquisitionDateTime!.Value));
        // Left to the scoring worker, as any upload.
        Assert.All(images, i => Assert.NotEqual(ScoreState.Failed, i.ScoreState));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var db = await DbAsync();
        var before = await db.Set<TeleExpertiseCase>().CountAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDepartment>().SeedAsync();
        }

        Assert.Equal(before, await db.Set<TeleExpertiseCase>().CountAsync());
    }

    [Fact]
    public void A_missing_manifest_is_named_with_the_setting_to_change()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SampleManifest.Load(Path.Combine(samples, "nowhere")));
        Assert.Contains("TeleDerm:Demo:SamplesDirectory", error.Message, StringComparison.Ordinal);
    }
}

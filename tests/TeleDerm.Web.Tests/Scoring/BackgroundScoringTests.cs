using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Scoring;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Stores;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Scoring;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Scoring;

/// <summary>
/// The real chain inside the app: a dermoscopic photo (an ISIC image from the shared data) stored as a
/// DICOM instance in the app's store, queued, scored by the background worker with the bundled model.
/// </summary>
public sealed class BackgroundScoringTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private static string IsicImage(string name) => RepoPaths.IsicPhoto(name);

    /// <summary>A submitted case whose one lesion has one pending image stored from <paramref name="jpegPath"/> (or not stored at all).</summary>
    private async Task<Guid> CaseWithImageAsync(string? jpegPath)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var trackingUid = DicomUid.Generate();
        var study = DicomUid.Generate();
        var series = DicomUid.Generate();
        var sop = DicomUid.Generate().Value;
        if (jpegPath is not null)
        {
            var file = DermoscopicImageBuilder.Build(await File.ReadAllBytesAsync(jpegPath), new DermoscopicImageRequest
            {
                PatientId = @case.PatientId.ToString("N"),
                StudyInstanceUid = study,
                SeriesInstanceUid = series,
                AcquiredAt = DateTimeOffset.UtcNow,
                LesionTrackingId = "lesion 1",
                LesionTrackingUid = trackingUid,
                AnatomicRegion = new DicomCode("77568009", "SCT", "Back"),
            });
            var stored = await app.Services.GetRequiredService<IDicomStore>().StoreAsync(file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit));
            sop = stored.Key.SopInstanceUid;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = "77568009", TrackingUid = trackingUid.Value, CreatedAtUtc = DateTime.UtcNow };
        db.Add(lesion);
        db.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
        db.Add(new LesionImage
        {
            Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = @case.Id, Kind = ImageKind.Dermoscopic,
            StudyInstanceUid = study.Value, SeriesInstanceUid = series.Value, SopInstanceUid = sop, AcquiredAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return @case.Id;
    }

    private async Task<(LesionImage Image, TeleExpertiseCase Case)> ReadAsync(Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        return (await db.Set<LesionImage>().AsNoTracking().SingleAsync(i => i.CaseId == caseId),
            await db.Set<TeleExpertiseCase>().AsNoTracking().SingleAsync(c => c.Id == caseId));
    }

    private async Task ScoreDueImagesAsync()
    {
        // The worker also runs in the background; a round here makes the test deterministic (leases keep the two apart).
        await app.Services.GetRequiredService<ScoringWorker>().ProcessDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stored_dermoscopic_image_is_scored_with_the_bundled_model_and_raises_the_case_risk()
    {
        var caseId = await CaseWithImageAsync(IsicImage("ISIC_0000031.jpg"));
        await ScoreDueImagesAsync();
        var (image, @case) = await ReadAsync(caseId);
        var card = (await app.Services.GetRequiredService<ActiveRiskModel>().ScorerAsync()).Card;
        Assert.Equal(ScoreState.Scored, image.ScoreState);
        Assert.Equal((card.Name, card.Version), (image.ModelName, image.ModelVersion));
        Assert.InRange(image.Risk!.Value, 0, 1);
        Assert.Contains(card.Thresholds.Select(t => t.Band), band => band == image.RiskBand);
        Assert.Contains("asymmetry", image.FeaturesJson, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(image.Risk, @case.MaxRisk);
    }

    [Fact]
    public async Task An_image_missing_from_the_store_fails_with_the_reason_and_intake_is_untouched()
    {
        var caseId = await CaseWithImageAsync(jpegPath: null);
        await ScoreDueImagesAsync();
        var (image, @case) = await ReadAsync(caseId);
        Assert.Equal(ScoreState.Pending, image.ScoreState); // retried later
        Assert.Contains("is not in the DICOM store", image.ScoreError, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Null(@case.MaxRisk);
    }

    [Fact]
    public async Task Rescoring_puts_images_back_and_scores_them_again()
    {
        var caseId = await CaseWithImageAsync(IsicImage("ISIC_0000036.jpg"));
        await ScoreDueImagesAsync();
        var queue = app.Services.GetRequiredService<ScoringQueue>();
        Assert.Equal(1, await queue.RequeueAllAsync());
        Assert.Equal(1, (await queue.ProgressAsync()).Pending);
        await ScoreDueImagesAsync();
        Assert.Equal(ScoreState.Scored, (await ReadAsync(caseId)).Image.ScoreState);
    }

    [Fact]
    public async Task Choosing_a_model_that_is_not_in_the_folder_is_refused_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            app.Services.GetRequiredService<ActiveRiskModel>().SwitchToAsync("no-such-model.onnx", "admin"));
        Assert.Contains("No model 'no-such-model.onnx'", error.Message, StringComparison.Ordinal);
    }

    private static (byte[] Model, string Card) Bundled()
    {
        var folder = TeleDerm.RiskScoring.ModelRegistry.FindModelsFolder()!;
        return (File.ReadAllBytes(Path.Combine(folder, "teleDerm-dermoscopy-features-v1.onnx")),
            File.ReadAllText(Path.Combine(folder, "teleDerm-dermoscopy-features-v1.card.json")));
    }

    [Fact]
    public async Task An_administrator_adds_a_model_that_matches_its_card_and_can_make_it_active()
    {
        var models = app.Services.GetRequiredService<ActiveRiskModel>();
        var (model, card) = Bundled();
        var added = models.Add("second-opinion-v2.onnx", model, System.Text.Encoding.UTF8.GetBytes(card));
        Assert.Contains(models.Registry().Models, m => m.FileName == "second-opinion-v2.onnx");
        var active = await models.SwitchToAsync("second-opinion-v2.onnx", "admin");
        Assert.Equal(added.Name, active.Card.Name);
        Assert.EndsWith("second-opinion-v2.onnx", active.ModelPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_that_does_not_match_its_model_is_refused_with_the_difference_and_nothing_is_installed()
    {
        var models = app.Services.GetRequiredService<ActiveRiskModel>();
        var (model, card) = Bundled();
        var image = System.Text.Json.Nodes.JsonNode.Parse(card)!["image"]!["input"]!.GetValue<string>();
        var wrong = card.Replace($"\"{image}\"", "\"pixels_nchw\"", StringComparison.Ordinal);
        var error = Assert.ThrowsAny<Exception>(() => models.Add("mismatch.onnx", model, System.Text.Encoding.UTF8.GetBytes(wrong)));
        Assert.Contains("pixels_nchw", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(models.Registry().Models, m => m.FileName == "mismatch.onnx");
    }

    [Theory]
    [InlineData("../escape.onnx")]
    [InlineData("model.exe")]
    [InlineData("teleDerm-dermoscopy-features-v1.onnx")]
    public void Unsafe_or_taken_file_names_are_refused(string name)
    {
        var (model, card) = Bundled();
        Assert.Throws<TeleDerm.RiskScoring.ModelLoadException>(() =>
            app.Services.GetRequiredService<ActiveRiskModel>().Add(name, model, System.Text.Encoding.UTF8.GetBytes(card)));
    }

    [Fact]
    public async Task At_start_up_a_card_that_does_not_match_its_model_is_reported_and_the_app_still_serves()
    {
        var folder = Directory.CreateTempSubdirectory("teleDerm-models-").FullName;
        var (model, card) = Bundled();
        await File.WriteAllBytesAsync(Path.Combine(folder, "teleDerm-dermoscopy-features-v1.onnx"), model);
        var image = System.Text.Json.Nodes.JsonNode.Parse(card)!["image"]!["input"]!.GetValue<string>();
        await File.WriteAllTextAsync(Path.Combine(folder, "teleDerm-dermoscopy-features-v1.card.json"), card.Replace($"\"{image}\"", "\"pixels_nchw\"", StringComparison.Ordinal));
        using var broken = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:Models:Folder"] = folder });
        Assert.Equal("Healthy", await broken.CreateClient().GetStringAsync("/health"));
        var check = broken.Services.GetRequiredService<RiskModelStartupCheck>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!check.Completed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Contains("pixels_nchw", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_start_up_the_bundled_model_is_checked_without_a_problem()
    {
        _ = app.CreateClient();
        var check = app.Services.GetRequiredService<RiskModelStartupCheck>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!check.Completed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(check.Completed);
        Assert.Null(check.Problem);
    }
}

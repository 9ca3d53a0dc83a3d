using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Intake;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.DicomWeb;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Images;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Web.Tests.Intake;

namespace TeleDerm.Web.Tests.Images;

/// <summary>
/// With TeleDerm:DicomStore:Kind = DicomWeb, photos go to a real PACS (Orthanc with its DICOMweb plugin) through the
/// outbox: the GP's request is saved without waiting for the PACS, the viewer and the scoring read the photo at once
/// from its local copy, and each instance reaches the PACS exactly once, byte for byte, also across a PACS restart.
/// </summary>
public sealed class PacsStoreTests : IDisposable
{
    private readonly OrthancServer orthanc = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TeleDermAppFactory app;

    public PacsStoreTests()
    {
        app = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:DicomStore:Kind"] = "DicomWeb",
            ["TeleDerm:DicomStore:DicomWeb:BaseUrl"] = orthanc.DicomWebRoot.ToString(),
            ["TeleDerm:DicomStore:DicomWeb:Timeout"] = "00:00:05",
            ["TeleDerm:DicomStore:DicomWeb:BacklogWarning"] = "1",
        });
    }

    public void Dispose()
    {
        app.Dispose();
        http.Dispose();
        orthanc.Dispose();
    }

    private Task<TestSubmitter> GpAsync() => TestSubmitter.NewGpAsync(app.Services);

    private static IntakeRequest Request(params string[] photos) => new(
        new PatientInput("Moreau", "Lucie", new DateOnly(1972, 5, 9), Sex.Female, "272057512345678"),
        "Pigmented lesion of the back that changed in three months.", new Questionnaire(), Urgency.Routine, null, true,
        [new LesionInput("77568009", Laterality.Left, null, [.. photos.Select(p => new PhotoInput(p, ImageKind.Dermoscopic, RepoPaths.IsicPhotoBytes(p)))])]);

    private async Task<IReadOnlyList<LesionImage>> ImagesAsync(Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().Where(i => i.CaseId == caseId).ToListAsync();
    }

    private async Task<JsonElement> ReadinessAsync() =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync("/health/ready")).RootElement;

    private async Task WaitUntilDeliveredAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await ReadinessAsync()).GetProperty("checks").GetProperty("dicom-outbox").GetProperty("data").GetProperty("pending").GetInt32() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not reach the PACS within 60 s");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_request_is_saved_at_once_readable_from_its_local_copy_and_reaches_the_PACS_byte_for_byte()
    {
        var gp = await GpAsync();
        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(Request("ISIC_0000031.jpg", "ISIC_0000036.jpg"), gp);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

        var store = app.Services.GetRequiredService<IDicomStore>();
        var images = await ImagesAsync(result.CaseId!.Value);
        Assert.Equal(2, images.Count);
        foreach (var image in images)
            Assert.NotNull(await store.RetrieveFrameAsync(StoredFrames.Key(image), 1)); // what the viewer and the scoring read

        await WaitUntilDeliveredAsync();
        var pacs = new DicomWebStore(http, orthanc.DicomWebRoot);
        foreach (var image in images)
            Assert.Equal(await store.RetrieveAsync(StoredFrames.Key(image)), await pacs.RetrieveAsync(StoredFrames.Key(image)));
        var inPacs = await pacs.FindAsync(new DicomInstanceQuery { PatientId = "272057512345678" });
        Assert.Equal(images.Select(i => i.SopInstanceUid).Order(), inPacs.Select(i => i.Key.SopInstanceUid).Order()); // once each
    }

    [Fact]
    public async Task With_the_PACS_down_the_GP_is_not_held_the_backlog_shows_in_readiness_and_drains_when_it_is_back()
    {
        var gp = await GpAsync();
        orthanc.Stop();

        var result = await app.Services.GetRequiredService<IntakeService>().SubmitAsync(Request("ISIC_0000031.jpg"), gp);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var image = Assert.Single(await ImagesAsync(result.CaseId!.Value));
        Assert.NotNull(await app.Services.GetRequiredService<IDicomStore>().RetrieveFrameAsync(StoredFrames.Key(image), 1));

        await Task.Delay(500); // the first delivery attempt fails against the stopped PACS
        var ready = await ReadinessAsync();
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(1, ready.GetProperty("checks").GetProperty("dicom-outbox").GetProperty("data").GetProperty("pending").GetInt32());

        orthanc.Start();
        await WaitUntilDeliveredAsync();
        var delivered = await new DicomWebStore(http, orthanc.DicomWebRoot).RetrieveAsync(StoredFrames.Key(image));
        Assert.Equal(await app.Services.GetRequiredService<IDicomStore>().RetrieveAsync(StoredFrames.Key(image)), delivered);
    }
}

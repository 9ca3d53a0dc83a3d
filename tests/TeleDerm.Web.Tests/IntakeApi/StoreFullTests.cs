using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.IntakeApi;

/// <summary>
/// The embedded image store's disk is full (here: the store is told to keep more free space than the disk has, which
/// is what it sees when the disk fills): a request is refused with what happened and when to try again, in the
/// reader's language; nothing of it is saved, no file is left half-written, and the readiness check says so.
/// </summary>
public sealed class StoreFullTests : IDisposable
{
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?>
    {
        ["TeleDerm:DicomStore:MinimumFreeMegabytes"] = "1000000000000",
    });

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("en-GB", "The image store is full.")]
    [InlineData("fr-FR", "L'espace de stockage des images est plein.")]
    public async Task A_request_is_refused_with_507_and_Retry_After_and_nothing_of_it_is_kept(string language, string title)
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var json = IntakeApiRequests.Json(gp.Email).ToJsonString();
        using var request = IntakeApiRequests.Submit(apiKey, Guid.NewGuid().ToString(), IntakeApiRequests.Body(json));
        request.Headers.AcceptLanguage.ParseAdd(language);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Equal("600", response.Headers.RetryAfter?.ToString());
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("StorageFull", title), (problem["code"]!.GetValue<string>(), problem["title"]!.GetValue<string>()));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        Assert.Empty(db.Set<TeleExpertiseCase>());
        Assert.Empty(db.Set<LesionImage>());
        Assert.Empty(db.DicomInstances);
        var store = Path.Combine(app.DataDirectory, "dicom");
        Assert.Empty(Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task The_readiness_check_reports_the_image_store_degraded()
    {
        var report = JsonNode.Parse(await app.CreateClient().GetStringAsync("/health/ready"))!;

        Assert.Equal("Degraded", report["checks"]!["dicom-store"]!["status"]!.GetValue<string>());
        Assert.Equal(0, report["checks"]!["dicom-store"]!["data"]!["freeMegabytes"]!.GetValue<long>());
    }
}

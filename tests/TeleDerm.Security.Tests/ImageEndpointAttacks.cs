using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.Viewer;
using Xunit.Abstractions;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 11 of the penetration test: 300 rapid requests for rendered sizes of a 12-megapixel photo. Each size is
/// decoded once (the others wait for it, then read the bounded cache), memory stays bounded, a colleague's image
/// is served meanwhile, and every answer is re-authorized by the browser (no-cache with an ETag).
/// </summary>
public sealed class ImageEndpointAttacks(AttackedApp app, ITestOutputHelper output) : IClassFixture<AttackedApp>
{
    [Fact]
    public async Task Three_hundred_rapid_render_requests_decode_each_size_once_and_leave_memory_and_colleagues_alone()
    {
        var practice = await app.PracticeAsync("Rendering practice");
        var created = await app.SubmitCaseAsync(practice.ApiKey, IntakeApiRequests.Json(practice.Gp.Email, IntakeApiRequests.Patient(nationalHealthId: null), photos: [("photo1", "clinical")]),
            [("photo1", "large.png", TestPngs.Encode(4000, 3000, y => Enumerable.Range(0, 4000 * 3).Select(i => (byte)(i * 7 + y)).ToArray()))]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = Guid.Parse(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        LesionImage image;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            image = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().SingleAsync(i => i.CaseId == caseId);
        }
        var (flooder, _) = await app.SignedInAsync(await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist));
        var (colleague, _) = await app.SignedInAsync(await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist));
        var sizes = new[] { (1024, 768), (512, 384), (2048, 1536) };
        GC.Collect();
        var idle = Process.GetCurrentProcess().WorkingSet64;
        var idleManaged = GC.GetTotalMemory(forceFullCollection: true);

        var first = Stopwatch.StartNew();
        var firstResponse = await flooder.Client.GetAsync(ViewerUrls.Rendered(image, 1024, 768));
        first.Stop();
        var peak = idle;
        var timings = new List<double>();
        var statuses = new List<HttpStatusCode>();
        var colleagueTime = Stopwatch.StartNew();
        var colleagueRequest = colleague.Client.GetAsync(ViewerUrls.Thumbnail(image));
        await Parallel.ForAsync(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 30 }, async (i, cancellationToken) =>
        {
            var (w, h) = sizes[i % sizes.Length];
            var watch = Stopwatch.StartNew();
            using var response = await flooder.Client.GetAsync(ViewerUrls.Rendered(image, w, h), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            watch.Stop();
            using var self = Process.GetCurrentProcess();
            lock (timings)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
                statuses.Add(response.StatusCode);
                peak = Math.Max(peak, self.WorkingSet64);
            }
        });
        var thumbnail = await colleagueRequest;
        colleagueTime.Stop();

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.True(firstResponse.Headers.CacheControl is { Private: true, NoCache: true, MaxAge: null }, $"Cache-Control: {firstResponse.Headers.CacheControl}");
        Assert.NotNull(firstResponse.Headers.ETag);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        var grewMb = (peak - idle) / (1024 * 1024);
        // What stays alive afterwards (the runtime keeps freed pages for a while, so the working set says less).
        var retainedMb = (GC.GetTotalMemory(forceFullCollection: true) - idleManaged) / (1024 * 1024);
        timings.Sort();
        output.WriteLine($"first render {first.Elapsed.TotalMilliseconds:F0} ms; 300 requests (3 sizes, 30 at a time): p50 {timings[150]:F1} ms, p95 {timings[285]:F1} ms; "
            + $"colleague's thumbnail {colleagueTime.Elapsed.TotalMilliseconds:F0} ms; memory at peak +{grewMb} MB resident, after +{retainedMb} MB managed");
        // The peak counts this process's client too (30 connections) and garbage not yet collected; what stays is the bounded cache.
        Assert.True(grewMb < 1024, $"resident memory grew by {grewMb} MB at its peak");
        Assert.True(retainedMb < 300, $"{retainedMb} MB of managed memory stayed alive after the burst");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TeleDerm.Web.Features.IntakeApi;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 2 of the penetration test: small files that decode to huge pictures, many of them, in parallel, and bodies
/// larger than the API advertises. The server refuses bombs from their headers, keeps its memory, serves honest
/// practices meanwhile, and tells the GP which file was refused and why.
/// </summary>
public sealed class ImageBombAttacks(AttackedApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AttackedApp>
{
    private static JsonObject RequestWithPhotos(string gpEmail, int photos) =>
        IntakeApiRequests.Json(gpEmail, IntakeApiRequests.Patient(nationalHealthId: null), photos: [.. Enumerable.Range(1, photos).Select(i => ($"photo{i}", "clinical"))]);

    [Fact]
    public async Task Twenty_bombs_a_request_three_requests_at_once_keep_memory_within_300_MB_and_an_honest_practice_is_served()
    {
        var attacker = await app.PracticeAsync("Bombing practice");
        var honest = await app.PracticeAsync("Honest practice " + Guid.NewGuid().ToString("N")[..4]);
        var bomb = TestPngs.Flat(10000, 10000);
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        var files = Enumerable.Range(1, 20).Select(i => ($"photo{i}", $"bomb-{i}.png", bomb)).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var idle = Process.GetCurrentProcess().WorkingSet64;

        var peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                using var self = Process.GetCurrentProcess();
                peak = Math.Max(peak, self.WorkingSet64);
                await Task.Delay(20);
            }
        });
        var attacks = Enumerable.Range(0, 3).Select(_ => app.SubmitCaseAsync(attacker.ApiKey, RequestWithPhotos(attacker.Gp.Email, 20), files)).ToList();
        var served = await app.SubmitCaseAsync(honest.ApiKey, IntakeApiRequests.Json(honest.Gp.Email, IntakeApiRequests.Patient(nationalHealthId: null)));
        var refused = await Task.WhenAll(attacks);
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(HttpStatusCode.Created, served.StatusCode);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
            Assert.Equal(20, errors.Count);
            // A sentence for the GP naming the file, and the decoder's exact finding for the practice's developers.
            var bomb7 = errors.Single(e => e!["message"]!.GetValue<string>().StartsWith("bomb-7.png", StringComparison.Ordinal))!;
            Assert.Equal("DecodeTooLarge", bomb7["code"]!.GetValue<string>());
            Assert.Equal("bomb-7.png: The Png header declares 10000×10000 = 100000000 pixels; the limit is 50000000 pixels.", bomb7["detail"]!.GetValue<string>());
        }
        var grewMb = (peak - idle) / (1024 * 1024);
        output.WriteLine($"idle {idle / (1024 * 1024)} MB, peak {peak / (1024 * 1024)} MB: +{grewMb} MB; bomb PNG {bomb.Length} bytes");
        Assert.True(grewMb < 300, $"resident memory grew by {grewMb} MB during the attack");
    }
}

/// <summary>The attacked app advertising 2 photos of 1 MB a request: bodies past 3 MB are too large.</summary>
public sealed class SmallIntakeApp() : AttackedApp(new Dictionary<string, string?>
{
    ["TeleDerm:Intake:MaxPhotos"] = "2",
    ["TeleDerm:Intake:MaxPhotoBytes"] = "1048576",
});

/// <summary>Item 2 of the penetration test: a body larger than the API advertises gets 413 with the limits, not 400.</summary>
public sealed class OversizeBodyAttacks(SmallIntakeApp app) : IClassFixture<SmallIntakeApp>
{
    [Fact]
    public async Task A_body_declaring_more_than_the_advertised_limit_gets_413_with_the_limits()
    {
        var practice = await app.PracticeAsync("Oversize practice");
        var body = new ByteArrayContent(new byte[4 * 1024 * 1024]);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = body };
        request.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await app.ApiClient(practice.ApiKey).SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("One request carries at most 2 photos of 1 MB each (3 MB in all).", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_body_that_grows_past_the_limit_gets_413_too()
    {
        var practice = await app.PracticeAsync("Streaming practice");
        var files = new[] { ("photo1", "a.jpg", new byte[2 * 1024 * 1024]), ("photo2", "b.jpg", new byte[2 * 1024 * 1024]) };
        var multipart = IntakeApiRequests.Body(IntakeApiRequests.Json(practice.Gp.Email, photos: [("photo1", "clinical"), ("photo2", "clinical")]).ToJsonString(), files);
        // No Content-Length: the server only learns the size as it reads.
        var streamed = new StreamContent(await multipart.ReadAsStreamAsync());
        streamed.Headers.ContentType = multipart.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, Guid.NewGuid().ToString());

        var response = await app.ApiClient(practice.ApiKey).SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Hosting;

/// <summary>
/// With an OTLP endpoint configured, the app sends traces, metrics and logs to it: requests, the scoring of a
/// photo, TeleDerm's own figures, and never a patient's name (the bodies are OTLP protobuf, whose strings are
/// plain UTF-8: a name anywhere in them would be found).
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private const string PatientFamilyName = "Quenneville-Zarcos";
    private const string QueryPatientName = "Wolkenstein";

    private readonly OtlpReceiver collector = new();
    private TeleDermAppFactory app = null!;

    public async Task InitializeAsync()
    {
        var endpoint = await collector.StartAsync();
        app = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Telemetry:OtlpEndpoint"] = endpoint.ToString(),
            ["Logging:LogLevel:Default"] = "Information",
        });
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await collector.DisposeAsync();
    }

    [Fact]
    public async Task Requests_scoring_and_TeleDerms_own_figures_reach_the_collector_without_patient_data()
    {
        var (gp, key) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = app.CreateClient();
        using var submit = IntakeApiRequests.Submit(key, Guid.NewGuid().ToString(),
            IntakeApiRequests.Body(IntakeApiRequests.Json(gp.Email, IntakeApiRequests.Patient(familyName: PatientFamilyName)).ToJsonString()));
        var submitted = await client.SendAsync(submit);
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/health/ready?patient={QueryPatientName}")).StatusCode);
        await WaitUntilScoredAsync();
        // The score is saved a moment before its span ends: flush until this photo's span is out, and some logs (an export
        // under a loaded suite once came after the flush had returned).
        var imageId = await OnlyImageIdAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ;)
        {
            Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
            Assert.True(app.Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));
            if ((collector.Received("/v1/traces").Contains(imageId.ToString(), StringComparison.Ordinal) && collector.Received("/v1/logs").Length > 0)
                || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(250);
        }
        var traces = collector.Received("/v1/traces");
        Assert.Contains("TeleDerm", traces, StringComparison.Ordinal); // the service's name
        Assert.Contains("/api/v1/cases", traces, StringComparison.Ordinal);
        Assert.Contains("patient=Redacted", traces, StringComparison.Ordinal); // the request with a name in its query was traced, without it
        Assert.Contains("score image", traces, StringComparison.Ordinal);
        Assert.Contains(imageId.ToString(), traces, StringComparison.Ordinal); // this app's photo, not another test's (the source is process-wide)
        var metrics = collector.Received("/v1/metrics");
        // (telederm.live_update.latency is recorded by open screens, and telederm.scoring.duration's values are checked
        // where the worker is run by hand: ScoringQueueTests.)
        foreach (var figure in new[] { "telederm.cases.submitted", "telederm.scoring.queue.length", "http.server.request.duration" })
        {
            Assert.Contains(figure, metrics, StringComparison.Ordinal);
        }
        Assert.NotEmpty(collector.Received("/v1/logs"));
        foreach (var signal in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            var body = collector.Received(signal);
            Assert.DoesNotContain(PatientFamilyName, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(QueryPatientName, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<Guid> OnlyImageIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().Select(i => i.Id).SingleAsync();
    }

    private async Task WaitUntilScoredAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().AnyAsync(i => i.ScoreState == ScoreState.Pending))
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail("The photo was not scored within 60 s.");
    }

    /// <summary>A stand-in OpenTelemetry collector: keeps every OTLP/HTTP body it receives, by path.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> bodies = new();
        private WebApplication? server;

        public async Task<Uri> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            server = builder.Build();
            server.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                bodies.GetOrAdd(context.Request.Path, _ => new()).Enqueue(body.ToArray());
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await server.StartAsync();
            return new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        }

        /// <summary>Everything received on <paramref name="path"/>, read as UTF-8 (protobuf strings are plain UTF-8 inside).</summary>
        public string Received(string path) =>
            bodies.TryGetValue(path, out var queue) ? string.Concat(queue.Select(b => Encoding.UTF8.GetString(b))) : "";

        public async ValueTask DisposeAsync()
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

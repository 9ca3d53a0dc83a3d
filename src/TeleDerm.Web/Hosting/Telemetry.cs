using System.Diagnostics.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TeleDerm.Core.Observability;
using TeleDerm.Core.Scoring;
using TeleDerm.Dicom.Stores.Outbox;

namespace TeleDerm.Web.Hosting;

/// <summary>Where traces, metrics and logs go (section <c>TeleDerm:Telemetry</c>); nothing is exported without an endpoint.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "TeleDerm:Telemetry";

    /// <summary>The OpenTelemetry collector, for example http://otel-collector:4318 (HTTP) or http://otel-collector:4317 (gRPC).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>HttpProtobuf (port 4318, the default) or Grpc (port 4317).</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>How often metrics are sent.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// TeleDerm's telemetry: its own figures (<see cref="TeleDermTelemetry"/>: scoring time and queue, outbox backlog,
/// live update latency, requests submitted) always exist, readable with dotnet-counters; with an OTLP endpoint,
/// they go to the collector with ASP.NET Core's (requests, Kestrel, SignalR connections, Blazor circuits), the
/// request and background-work traces, and the logs. Identifiers only: query strings are redacted by the
/// ASP.NET Core instrumentation, and the app logs case and image ids, never patient names.
/// </summary>
public static class Telemetry
{
    /// <summary>ASP.NET Core's own meters: request durations, connections, SignalR, circuits.</summary>
    private static readonly string[] PlatformMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "System.Net.Http",
    ];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(services =>
        {
            var telemetry = new TeleDermTelemetry(services.GetRequiredService<IMeterFactory>());
            var queue = services.GetRequiredService<ScoringQueue>();
            telemetry.Observe("telederm.scoring.queue.length", "{image}", "Photos waiting to be scored (due or not).", queue.PendingCount);
            if (services.GetService<DicomOutbox>() is { } outbox)
            {
                // Read on the exporter's thread when metrics are collected, never on a request's.
                telemetry.Observe("telederm.outbox.backlog", "{instance}", "DICOM instances waiting for the PACS.",
                    () => outbox.PendingCountAsync(CancellationToken.None).GetAwaiter().GetResult());
            }
            return telemetry;
        });

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is not { } endpoint)
        {
            return builder;
        }
        void Export(OtlpExporterOptions otlp, string signal)
        {
            otlp.Protocol = options.Protocol;
            // Over HTTP each signal has its own path; set in code, the exporter does not add it.
            otlp.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, $"v1/{signal}") : endpoint;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TeleDermTelemetry.Name,
                serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .AddSource(TeleDermTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsStaticFile(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Export(o, "traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(TeleDermTelemetry.Name)
                .AddMeter(PlatformMeters)
                .AddOtlpExporter((o, reader) =>
                {
                    Export(o, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricsInterval.TotalMilliseconds;
                }))
            .WithLogging(logging => logging.AddOtlpExporter(o => Export(o, "logs")), logs => logs.IncludeScopes = true);
        return builder;
    }

    /// <summary>Scripts, styles, images of the app itself: thousands of spans that say nothing about the service.</summary>
    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/favicon.ico");
}

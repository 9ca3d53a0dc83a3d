using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeleDerm.Core.Observability;

/// <summary>
/// What TeleDerm tells an operator about itself, in the platform's own types (System.Diagnostics), so that the
/// domain needs no telemetry package: the web host exports these over OTLP when an endpoint is configured, and
/// <c>dotnet-counters</c> reads them without any configuration. Tags carry identifiers (case, image), never
/// patient data.
/// </summary>
public sealed class TeleDermTelemetry : IDisposable
{
    public const string Name = "TeleDerm";

    /// <summary>Spans of background work (scoring an image); requests get theirs from ASP.NET Core.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Meter meter;

    public TeleDermTelemetry(IMeterFactory meters)
    {
        meter = meters.Create(Name);
        ScoringDuration = meter.CreateHistogram<double>("telederm.scoring.duration", "s",
            "Time to score one photo: loading it, the model and recording the score. Tag outcome: scored, failed or not-for-model.");
        LiveUpdateLatency = meter.CreateHistogram<double>("telederm.live_update.latency", "ms",
            "From a change to a case (saved) to an open screen hearing of it; across instances through the event relay.");
        CasesSubmitted = meter.CreateCounter<long>("telederm.cases.submitted", "{case}", "Requests submitted by GPs (page or practice software).");
    }

    public Histogram<double> ScoringDuration { get; }

    public Histogram<double> LiveUpdateLatency { get; }

    public Counter<long> CasesSubmitted { get; }

    /// <summary>
    /// A figure read when it is collected (every export interval, or when dotnet-counters asks): the scoring
    /// queue's length, the outbox's backlog. <paramref name="read"/> may query the database; it runs only then.
    /// </summary>
    public void Observe(string name, string unit, string description, Func<long> read) =>
        meter.CreateObservableGauge(name, read, unit, description);

    public void Dispose() => meter.Dispose();
}

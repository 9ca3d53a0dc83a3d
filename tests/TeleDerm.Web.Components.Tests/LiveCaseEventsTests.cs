using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TeleDerm.Core.Events;
using TeleDerm.Core.Observability;
using TeleDerm.Web.Components;

namespace TeleDerm.Web.Components.Tests;

/// <summary>The one way pages stay live: only the events asked for, on the renderer, failures logged, nothing after the page goes.</summary>
public sealed class LiveCaseEventsTests : IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly InProcessCaseEvents events = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollector logs = new();
    private readonly Guid department = Guid.NewGuid();

    public LiveCaseEventsTests()
    {
        context.Services.AddSingleton(events);
        context.Services.AddSingleton<TimeProvider>(clock);
        context.Services.AddSingleton<ILogger<LiveCaseEvents>>(new FakeLogger<LiveCaseEvents>(logs));
        context.Services.AddMetrics();
        context.Services.AddSingleton<TeleDermTelemetry>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    /// <summary>
    /// Waits (up to 5 s) until the assertion holds: deliveries run on the thread pool, and a refresh that only calls the
    /// page's callback renders nothing that bUnit's own waits would notice.
    /// </summary>
    private static void Eventually(Action assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    private CaseEvent Event(Guid? departmentId = null, CaseEventKind kind = CaseEventKind.StatusChanged) =>
        new(Guid.NewGuid(), departmentId ?? department, "gp-1", kind, clock.GetUtcNow().UtcDateTime);

    [Fact]
    public void Only_the_events_the_page_asks_for_reach_it_with_the_time_they_arrived()
    {
        var received = new List<LiveCaseUpdate>();
        context.Render<LiveCaseEvents>(p => p
            .Add(c => c.When, e => e.DepartmentId == department)
            .Add(c => c.OnUpdate, (LiveCaseUpdate u) => received.Add(u)));

        var ours = Event();
        events.Publish(Event(departmentId: Guid.NewGuid()));
        events.Publish(ours);

        // Delivered off the publisher's thread (see LiveCaseEvents.Receive): waited for.
        Eventually(() => Assert.Single(received));
        var update = Assert.Single(received);
        Assert.Equal(ours, update.Latest);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, update.ReceivedAtUtc);
    }

    [Fact]
    public void Each_refresh_records_how_long_after_the_change_it_came()
    {
        using var latency = new MetricCollector<double>(context.Services.GetRequiredService<IMeterFactory>(), TeleDermTelemetry.Name, "telederm.live_update.latency");
        context.Render<LiveCaseEvents>(p => p
            .Add(c => c.When, e => e.DepartmentId == department)
            .Add(c => c.OnUpdate, (LiveCaseUpdate _) => clock.Advance(TimeSpan.FromMilliseconds(40)))); // the page's refresh takes 40 ms

        var saved = Event();
        clock.Advance(TimeSpan.FromMilliseconds(85)); // on its way through the relay
        events.Publish(saved);
        events.Publish(Event(departmentId: Guid.NewGuid())); // not this page's: not a refresh, not measured

        Eventually(() => Assert.Equal([125.0], latency.GetMeasurementSnapshot().Select(m => m.Value)));
    }

    [Fact]
    public void A_refresh_that_fails_is_logged_with_the_event_and_later_events_still_arrive()
    {
        var calls = 0;
        var failing = Event();
        context.Render<LiveCaseEvents>(p => p
            .Add(c => c.When, _ => true)
            .Add(c => c.OnUpdate, (LiveCaseUpdate u) => Interlocked.Increment(ref calls) > 0 && u.Latest == failing
                ? throw new InvalidOperationException("the database went away")
                : Task.CompletedTask));

        events.Publish(failing);
        events.Publish(Event());

        Eventually(() => Assert.Equal(2, calls));
        Eventually(() => Assert.Single(logs.GetSnapshot(), e => e.Level == LogLevel.Error));
        var error = Assert.Single(logs.GetSnapshot(), e => e.Level == LogLevel.Error);
        Assert.Contains(failing.CaseId.ToString(), error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public void Coalesced_events_arrive_once_as_the_latest_and_later_events_do_not_push_the_refresh_back()
    {
        var received = new List<LiveCaseUpdate>();
        context.Render<LiveCaseEvents>(p => p
            .Add(c => c.When, _ => true)
            .Add(c => c.Coalesce, TimeSpan.FromSeconds(2))
            .Add(c => c.OnUpdate, (LiveCaseUpdate u) => received.Add(u)));

        events.Publish(Event());
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var latest = Event();
        events.Publish(latest);
        Assert.Empty(received);
        clock.Advance(TimeSpan.FromSeconds(0.5)); // two seconds after the first event, not after the latest

        var update = Assert.Single(received);
        Assert.Equal(latest, update.Latest);
        Assert.Equal(clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(0.5), update.ReceivedAtUtc);
    }

    [Fact]
    public async Task After_the_page_goes_no_event_reaches_it()
    {
        var calls = 0;
        var cut = context.Render<LiveCaseEvents>(p => p
            .Add(c => c.When, _ => true)
            .Add(c => c.OnUpdate, (LiveCaseUpdate _) => calls++));

        await context.DisposeComponentsAsync();
        events.Publish(Event());

        Assert.Equal(0, calls);
        Assert.Empty(logs.GetSnapshot());
        _ = cut;
    }
}

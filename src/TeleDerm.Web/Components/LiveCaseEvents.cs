using Microsoft.AspNetCore.Components;
using TeleDerm.Core.Events;
using TeleDerm.Core.Observability;

namespace TeleDerm.Web.Components;

/// <summary>What a live page receives: the latest matching event, and when it reached this circuit.</summary>
public sealed record LiveCaseUpdate(CaseEvent Latest, DateTime ReceivedAtUtc);

/// <summary>
/// The one way a page stays live. Put it in the page's markup with the events it cares about; it subscribes
/// after the first render (a prerender never subscribes), calls <see cref="OnUpdate"/> on the circuit's
/// renderer (the page then re-renders itself), logs a refresh that fails instead of losing it, and
/// unsubscribes when the page goes.
/// </summary>
public sealed class LiveCaseEvents : ComponentBase, IDisposable
{
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private ITimer? timer;
    private LiveCaseUpdate? pending;
    private volatile bool disposed;
    private DateTime deliveredUpTo = DateTime.MinValue; // read and written on the renderer only

    [Inject] private InProcessCaseEvents Events { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<LiveCaseEvents> Logger { get; set; } = default!;
    [Inject] private TeleDermTelemetry Telemetry { get; set; } = default!;

    /// <summary>Which events concern the page (called on the publisher's thread: read, never change, the page's state).</summary>
    [Parameter, EditorRequired] public Func<CaseEvent, bool> When { get; set; } = _ => false;

    [Parameter, EditorRequired] public EventCallback<LiveCaseUpdate> OnUpdate { get; set; }

    /// <summary>
    /// When set, the events of this long after the first are delivered once, as the latest of them: a busy morning
    /// refreshes an expensive page every so often instead of at every event. Later events do not push it back.
    /// </summary>
    [Parameter] public TimeSpan? Coalesce { get; set; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            subscription = Events.Subscribe(Receive);
    }

    private void Receive(CaseEvent e)
    {
        if (disposed || !When(e))
            return;
        var update = new LiveCaseUpdate(e, Clock.GetUtcNow().UtcDateTime);
        if (Coalesce is not { } delay)
        {
            // On the thread pool, never on the publisher's thread: a page's renderer runs work inline when it is idle,
            // and the publisher (a GP's request, the scoring worker) would otherwise refresh every open page itself.
            ThreadPool.QueueUserWorkItem(static state => _ = state.Page.DeliverAsync(state.Update), (Page: this, Update: update), preferLocal: false);
            return;
        }
        lock (gate)
        {
            var alreadyScheduled = pending is not null;
            pending = update;
            if (!alreadyScheduled)
            {
                timer ??= Clock.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Flush()
    {
        LiveCaseUpdate? update;
        lock (gate)
        {
            (update, pending) = (pending, null);
        }
        if (update is not null)
            _ = DeliverAsync(update);
    }

    private async Task DeliverAsync(LiveCaseUpdate update)
    {
        try
        {
            var delivered = false;
            await InvokeAsync(() =>
            {
                // Deliveries run on the thread pool, so two events received close together may reach the renderer in
                // either order. A page refreshed after the later one already shows the earlier one's change: the
                // earlier update is dropped. (This instance's receive times: another instance's clock stamps the events.)
                if (update.ReceivedAtUtc < deliveredUpTo)
                    return Task.CompletedTask;
                deliveredUpTo = update.ReceivedAtUtc;
                delivered = true;
                return OnUpdate.InvokeAsync(update);
            });
            if (delivered)
            {
                // Change saved → this screen refreshed (its render queued): what a clinician waits for.
                Telemetry.LiveUpdateLatency.Record((Clock.GetUtcNow().UtcDateTime - update.Latest.AtUtc).TotalMilliseconds);
            }
        }
        catch (ObjectDisposedException) when (disposed)
        {
            // The page closed while the event was on its way: nothing is left to refresh.
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "A live refresh after {Kind} on case {CaseId} failed; the page shows what it had.",
                update.Latest.Kind, update.Latest.CaseId);
        }
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        lock (gate)
        {
            timer?.Dispose();
        }
    }
}

namespace TeleDerm.Core.Events;

public enum CaseEventKind
{
    Created,
    StatusChanged,
    MessageAdded,
    ImageScored,
    ReportSigned,
    /// <summary>A measurement or annotation was saved or deleted in the viewer.</summary>
    AnnotationsChanged,
}

/// <summary>Something happened to a case; screens that show it refresh. Carries no patient data: listeners reload what they may see.</summary>
public sealed record CaseEvent(Guid CaseId, Guid DepartmentId, string SubmittedByUserId, CaseEventKind Kind, DateTime AtUtc);

public interface ICaseEventPublisher
{
    void Publish(CaseEvent caseEvent);
}

/// <summary>
/// In-process case events: interactive pages subscribe and get every event of this app instance.
/// (Delivery to browsers through SignalR and across instances through PostgreSQL NOTIFY builds on this.)
/// </summary>
/// <remarks>
/// A handler runs in the execution context it subscribed from, not the publisher's. The publisher is
/// another user's page or a background service; the subscriber is a page with its reader's culture. Without
/// this, a French GP's page redrawn after an English dermatologist's action came back in English.
/// </remarks>
public sealed class InProcessCaseEvents : ICaseEventPublisher
{
    private readonly Lock gate = new();
    private Subscription[] subscriptions = [];

    public IDisposable Subscribe(Action<CaseEvent> handler)
    {
        var subscription = new Subscription(this, handler, ExecutionContext.Capture());
        lock (gate)
        {
            subscriptions = [.. subscriptions, subscription];
        }
        return subscription;
    }

    public void Publish(CaseEvent caseEvent)
    {
        foreach (var subscription in subscriptions)
        {
            // A failing subscriber (a closed page) must not stop the others.
            try
            {
                subscription.Deliver(caseEvent);
            }
            catch (Exception)
            {
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (gate)
        {
            subscriptions = [.. subscriptions.Where(s => s != subscription)];
        }
    }

    private sealed class Subscription(InProcessCaseEvents owner, Action<CaseEvent> handler, ExecutionContext? context) : IDisposable
    {
        public void Deliver(CaseEvent caseEvent)
        {
            if (context is null)
            {
                handler(caseEvent);
                return;
            }
            ExecutionContext.Run(context.CreateCopy(), _ => handler(caseEvent), null);
        }

        public void Dispose() => owner.Unsubscribe(this);
    }
}

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
public sealed class InProcessCaseEvents : ICaseEventPublisher
{
    private readonly Lock gate = new();
    private ImmutableHandlers handlers = new([]);

    private sealed record ImmutableHandlers(Action<CaseEvent>[] All);

    public IDisposable Subscribe(Action<CaseEvent> handler)
    {
        lock (gate)
        {
            handlers = new([.. handlers.All, handler]);
        }
        return new Subscription(this, handler);
    }

    public void Publish(CaseEvent caseEvent)
    {
        foreach (var handler in handlers.All)
        {
            // A failing subscriber (a closed page) must not stop the others.
            try
            {
                handler(caseEvent);
            }
            catch (Exception)
            {
            }
        }
    }

    private void Unsubscribe(Action<CaseEvent> handler)
    {
        lock (gate)
        {
            handlers = new([.. handlers.All.Where(h => h != handler)]);
        }
    }

    private sealed class Subscription(InProcessCaseEvents owner, Action<CaseEvent> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}

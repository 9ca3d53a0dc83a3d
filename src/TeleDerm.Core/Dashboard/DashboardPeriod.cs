namespace TeleDerm.Core.Dashboard;

/// <summary>
/// A half-open period [From, To) in UTC. An event counts in the period when its time t has From ≤ t &lt; To,
/// so consecutive periods share no event and none falls between them.
/// </summary>
public sealed record DashboardPeriod
{
    public DashboardPeriod(DateTime fromUtc, DateTime toUtc)
    {
        if (fromUtc.Kind != DateTimeKind.Utc || toUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("A dashboard period is given in UTC (DateTimeKind.Utc).");
        }
        if (toUtc <= fromUtc)
        {
            throw new ArgumentException($"A dashboard period must end after it starts (from {fromUtc:O}, to {toUtc:O}).");
        }
        FromUtc = fromUtc;
        ToUtc = toUtc;
    }

    public DateTime FromUtc { get; }
    public DateTime ToUtc { get; }
    public TimeSpan Length => ToUtc - FromUtc;

    /// <summary>The period of the same length that ends where this one starts: what the dashboard compares with.</summary>
    public DashboardPeriod Previous => new(FromUtc - Length, FromUtc);

    /// <summary>When the backlog is counted: the end of the period, or now if the period has not ended yet.</summary>
    public DateTime BacklogAt(DateTime nowUtc) => ToUtc < nowUtc ? ToUtc : nowUtc;
}

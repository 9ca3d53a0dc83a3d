using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// One computation of a department's dashboard shared by every screen that shows the same period with the same
/// risk bands. Each open dashboard refreshes two seconds after a change of its department: with ten department
/// heads and administrators watching, one change would otherwise run the same year-long statements ten times at
/// once. A screen asks for figures computed from a start at or after a moment (the change it is refreshing for,
/// or a few seconds ago when it opens); a computation that started then or later, finished or still running, is
/// shared; an older or failed one is not.
/// </summary>
public sealed class SharedDashboardComparisons
{
    /// <summary>How long a computation is kept for others to share once it has started.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly Func<Guid, DashboardPeriod, RiskBands, Task<DashboardComparison>> compute;
    private readonly TimeProvider clock;
    private readonly Dictionary<Key, Entry> entries = [];
    private readonly Lock gate = new();

    public SharedDashboardComparisons(DepartmentDashboard dashboard, TimeProvider clock)
        : this((department, period, bands) => dashboard.CompareAsync(department, period, bands), clock)
    {
    }

    internal SharedDashboardComparisons(Func<Guid, DashboardPeriod, RiskBands, Task<DashboardComparison>> compute, TimeProvider clock)
    {
        this.compute = compute;
        this.clock = clock;
    }

    private sealed record Key(Guid Department, DashboardPeriod Period, RiskBands Bands);

    private sealed record Entry(DateTime StartedAtUtc, Task<DashboardComparison> Figures);

    /// <param name="computedFromUtc">The figures must come from a computation that started at or after this moment.</param>
    public Task<DashboardComparison> CompareAsync(Guid departmentId, DashboardPeriod period, RiskBands bands, DateTime computedFromUtc)
    {
        var key = new Key(departmentId, period, bands);
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            foreach (var old in entries.Where(e => now - e.Value.StartedAtUtc > KeptFor).Select(e => e.Key).ToList())
            {
                entries.Remove(old);
            }
            if (entries.TryGetValue(key, out var shared) && shared.StartedAtUtc >= computedFromUtc && !shared.Figures.IsFaulted && !shared.Figures.IsCanceled)
            {
                return shared.Figures;
            }
            var started = new Entry(now, compute(departmentId, period, bands));
            entries[key] = started;
            return started.Figures;
        }
    }
}

using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Dashboard;

/// <summary>Screens showing the same dashboard share one computation, unless it started before the change they refresh for.</summary>
public sealed class SharedDashboardComparisonsTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly DashboardPeriod Month = new(T0.AddDays(-30), T0);
    private static readonly RiskBands Bands = new();

    private readonly AdjustableClock clock = new(new DateTimeOffset(T0));
    private readonly List<TaskCompletionSource<DashboardComparison>> computations = [];

    private SharedDashboardComparisons Shared() => new((_, _, _) =>
    {
        var computation = new TaskCompletionSource<DashboardComparison>(TaskCreationOptions.RunContinuationsAsynchronously);
        computations.Add(computation);
        return computation.Task;
    }, clock);

    [Fact]
    public void Screens_asking_at_the_same_time_share_one_computation_even_while_it_runs()
    {
        var shared = Shared();
        var first = shared.CompareAsync(Department, Month, Bands, T0.AddSeconds(-5));
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var second = shared.CompareAsync(Department, Month, Bands, T0.AddSeconds(-5));
        Assert.Single(computations);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_computation_that_started_before_the_change_is_not_shared_for_it()
    {
        var shared = Shared();
        shared.CompareAsync(Department, Month, Bands, T0);
        clock.Advance(TimeSpan.FromSeconds(1));
        var change = clock.GetUtcNow().UtcDateTime;
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterChange = shared.CompareAsync(Department, Month, Bands, change);
        var again = shared.CompareAsync(Department, Month, Bands, change);
        Assert.Equal(2, computations.Count);
        Assert.Same(afterChange, again);
    }

    [Fact]
    public void Another_period_another_department_or_other_bands_are_computed_on_their_own()
    {
        var shared = Shared();
        shared.CompareAsync(Department, Month, Bands, T0);
        shared.CompareAsync(Department, new DashboardPeriod(T0.AddDays(-7), T0), Bands, T0);
        shared.CompareAsync(Guid.NewGuid(), Month, Bands, T0);
        shared.CompareAsync(Department, Month, new RiskBands(0.2, 0.7), T0);
        shared.CompareAsync(Department, new DashboardPeriod(T0.AddDays(-30), T0), new RiskBands(), T0); // equal values: shared
        Assert.Equal(4, computations.Count);
    }

    [Fact]
    public void A_failed_computation_is_not_handed_out_again()
    {
        var shared = Shared();
        var failed = shared.CompareAsync(Department, Month, Bands, T0);
        computations[0].SetException(new InvalidOperationException("database unreachable"));
        var retried = shared.CompareAsync(Department, Month, Bands, T0);
        Assert.True(failed.IsFaulted);
        Assert.NotSame(failed, retried);
        Assert.Equal(2, computations.Count);
    }

    [Fact]
    public void Nothing_is_kept_longer_than_a_minute()
    {
        var shared = Shared();
        shared.CompareAsync(Department, Month, Bands, DateTime.MinValue);
        clock.Advance(SharedDashboardComparisons.KeptFor + TimeSpan.FromSeconds(1));
        shared.CompareAsync(Department, Month, Bands, DateTime.MinValue);
        Assert.Equal(2, computations.Count);
    }
}

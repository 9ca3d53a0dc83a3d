namespace TeleDerm.Core.Dashboard;

/// <summary>
/// How long something took over a set of cases: how many, the median and the 90th percentile. Percentiles
/// are nearest-rank: the p-th percentile of n sorted durations is the one at rank ⌈p·n⌉ (so the median of
/// an even count is the lower middle one, and every figure is a duration some case really had).
/// </summary>
public sealed record DurationStats(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static readonly DurationStats None = new(0, null, null);
}

using System.Diagnostics;

namespace TeleDerm.Testing;

/// <summary>What the benchmarks under tests/TeleDerm.Benchmarks share: warm-up then timed runs, and nearest-rank percentiles.</summary>
public static class BenchmarkTimer
{
    /// <summary>Runs <paramref name="run"/> <paramref name="warmUp"/> times untimed, then <paramref name="runs"/> times; the times in milliseconds, sorted.</summary>
    public static async Task<double[]> TimeAsync(Func<Task> run, int runs, int warmUp = 3)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await run();
        }
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    /// <summary>The p-th percentile by nearest rank: the value at rank ⌈p·n⌉ of the values in order.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

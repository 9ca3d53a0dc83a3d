namespace TeleDerm.Testing;

/// <summary>How much memory this process holds, for the tests that look for native leaks and the memory benchmarks.</summary>
public static class ProcessMemory
{
    /// <summary>The resident set size (VmRSS) after a full collection, so that managed garbage does not count as a leak.</summary>
    public static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>The managed heap after three forced, compacting full collections: what live objects hold, garbage left out.</summary>
    public static long ManagedHeapBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

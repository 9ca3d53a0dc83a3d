using System.Diagnostics;
using TeleDerm.Dicom.Fuzzing;
using TeleDerm.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace TeleDerm.Dicom.Tests.Fuzzing;

public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Mutated_corpus_files_only_ever_raise_DicomFormatException()
    {
        // Small seeds keep the bounded run fast; the CLI's `dicom fuzz` runs the whole corpus for longer.
        var seeds = Corpus.AllFiles().Select(File.ReadAllBytes).Where(b => b.Length <= 120_000).ToList();
        var clock = Stopwatch.StartNew();

        var report = DicomFuzzer.Run(seeds, iterations: 3000, seed: 20261122);

        output.WriteLine($"tried {report.Tried} inputs in {clock.Elapsed.TotalSeconds:F1} s: {report.Accepted} read, {report.Rejected} rejected");
        Assert.Equal(3000, report.Tried);
        Assert.True(report.Failures.Count == 0, string.Join('\n', report.Failures.Take(20)));
        Assert.True(report.Rejected > 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_mutations()
    {
        var original = Corpus.Bytes("MR_small.dcm");

        var a = DicomFuzzer.Mutate(original, new Random(7), out var ma);
        var b = DicomFuzzer.Mutate(original, new Random(7), out var mb);

        Assert.Equal(ma, mb);
        Assert.Equal(a, b);
    }
}

using TeleDerm.Testing;
using Xunit.Abstractions;

namespace TeleDerm.Inference.Tests;

/// <summary>
/// Every run creates and releases native OrtValues; a missed release shows as growing RSS.
/// The suite runs a bounded number of iterations; set TELEDERM_ORT_LEAK_ITERATIONS=100000 for the long run.
/// </summary>
[Collection(MeasuresProcessMemory.Name)]
public sealed class ResourceLeakTests(ITestOutputHelper output)
{
    [Fact]
    public void Running_a_small_model_many_times_keeps_memory_flat()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("TELEDERM_ORT_LEAK_ITERATIONS"), out int n) ? n : 30_000;
        using var session = OnnxSessions.Open(TinyOnnxModel.BinaryOperator("Add", TensorElementType.Float, "n"));
        // 16 KiB per tensor: a single unreleased input or output would leak 16 KiB per run, hundreds of MB in total.
        var inputs = new Dictionary<string, Tensor>
        {
            ["a"] = Tensor.FromFloat(new float[4096], 4096),
            ["b"] = Tensor.FromFloat(Enumerable.Repeat(1f, 4096).ToArray(), 4096),
        };

        // Warm up: ORT's arena, the JIT and the GC heap reach a steady size first.
        for (int i = 0; i < 10_000; i++) session.Run(inputs);
        var started = System.Diagnostics.Stopwatch.StartNew();
        long atStart = ProcessMemory.ResidentBytes();
        RunMany(session, inputs, iterations / 2);
        long atHalf = ProcessMemory.ResidentBytes();
        RunMany(session, inputs, iterations - (iterations / 2));
        long atEnd = ProcessMemory.ResidentBytes();

        output.WriteLine($"{iterations} runs in {started.Elapsed.TotalSeconds:F1} s; RSS {atStart / 1024} KiB -> {atHalf / 1024} KiB -> {atEnd / 1024} KiB");
        // The first half may still settle the GC heap; the second half must not grow
        // (32 MiB is noise headroom; one leaked 16 KiB tensor per run would be 240 MiB).
        Assert.True(atEnd - atHalf < 32 * 1024 * 1024, $"RSS grew by {(atEnd - atHalf) / 1024} KiB over the last {iterations - (iterations / 2)} runs");
        Assert.True(atEnd - atStart < 96 * 1024 * 1024, $"RSS grew by {(atEnd - atStart) / 1024} KiB over {iterations} runs");
    }

    private static void RunMany(InferenceSession session, Dictionary<string, Tensor> inputs, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(1f, session.Run(inputs)["c"].ToFloatArray()[4095]);
        }
    }

    [Fact]
    public void Creating_and_disposing_sessions_repeatedly_keeps_memory_flat()
    {
        byte[] model = File.ReadAllBytes(OnnxTestData.NodeModel("test_add"));
        for (int i = 0; i < 50; i++) OnnxSessions.Open(model).Dispose();
        long before = ProcessMemory.ResidentBytes();
        for (int i = 0; i < 500; i++)
        {
            using var session = OnnxSessions.Open(model);
            Assert.Equal(2, session.Inputs().Count);
        }

        long growth = ProcessMemory.ResidentBytes() - before;
        output.WriteLine($"500 sessions; RSS growth {growth / 1024} KiB");
        Assert.True(growth < 8 * 1024 * 1024, $"RSS grew by {growth / 1024} KiB over 500 sessions");
    }
}

/// <summary>RSS is process-wide: tests that measure it run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresProcessMemory
{
    public const string Name = "Measures process memory";
}

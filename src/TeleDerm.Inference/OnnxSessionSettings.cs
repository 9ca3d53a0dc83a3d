using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference;

/// <summary>How a session runs. Defaults suit a shared workstation: one thread per run, all graph optimizations.</summary>
public sealed record OnnxSessionSettings
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads for running independent operators in parallel; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; } = 1;

    public GraphOptimizationLevel Optimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;
}

namespace TeleDerm.Inference;

/// <summary>How a session runs. Defaults suit a shared workstation: few threads, all graph optimizations.</summary>
public sealed record SessionOptions
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads for running independent operators in parallel; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; } = 1;

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;
}

/// <summary>ORT's GraphOptimizationLevel.</summary>
public enum GraphOptimization
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference;

/// <summary>
/// Opens ONNX Runtime sessions (the official <c>Microsoft.ML.OnnxRuntime</c> package) the way TeleDerm runs
/// models. Every session goes through here, so ONNX Runtime's environment is always created by
/// <see cref="Environment"/>, with its telemetry store switched off first.
/// </summary>
public static partial class OnnxSessions
{
    public static InferenceSession Open(string modelPath, OnnxSessionSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"ONNX model not found: {modelPath}", modelPath);
        _ = Environment.Value;
        using var options = Options(settings ?? new OnnxSessionSettings());
        return new InferenceSession(modelPath, options);
    }

    public static InferenceSession Open(byte[] model, OnnxSessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _ = Environment.Value;
        using var options = Options(settings ?? new OnnxSessionSettings());
        return new InferenceSession(model, options);
    }

    /// <summary>The ONNX Runtime version in use, e.g. "1.32.0".</summary>
    public static string RuntimeVersion => Runtime.GetVersionString();

    /// <summary>
    /// The process's ONNX Runtime environment, created here with telemetry off. Code that makes ORT objects
    /// before opening a session (an <see cref="OrtValue"/>, an allocator) asks for it first.
    /// </summary>
    public static OrtEnv Runtime => Environment.Value;

    /// <summary>
    /// ONNX Runtime 1.32 on Linux writes a device id and a telemetry event queue (SQLite) under
    /// <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime/</c> the moment its environment is created, before
    /// <see cref="OrtEnv.DisableTelemetryEvents"/> can be called; only <c>ORT_DISABLE_TELEMETRY=1</c>, read
    /// by the native library at that moment, prevents it. .NET keeps its own copy of the environment on
    /// Unix, so the variable is set through libc, before anything of ONNX Runtime exists. Health data
    /// servers must not write an identifier to be sent to a third party.
    /// </summary>
    private static readonly Lazy<OrtEnv> Environment = new(() =>
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            _ = SetNativeEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1", 1);
        System.Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
        var creation = new EnvironmentCreationOptions { logId = "TeleDerm", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
        var environment = OrtEnv.CreateInstanceWithOptions(ref creation);
        environment.DisableTelemetryEvents();
        return environment;
    });

    private static SessionOptions Options(OnnxSessionSettings settings) => new()
    {
        IntraOpNumThreads = settings.IntraOpThreads,
        InterOpNumThreads = settings.InterOpThreads,
        GraphOptimizationLevel = settings.Optimization,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironmentVariable(string name, string value, int overwrite);
}

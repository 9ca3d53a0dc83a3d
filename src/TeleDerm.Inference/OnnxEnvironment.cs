using TeleDerm.Inference.Native;

namespace TeleDerm.Inference;

/// <summary>
/// The process-wide OrtEnv (ONNX Runtime allows one per process; it owns logging and global thread pools).
/// Created on first use and kept for the life of the process.
/// </summary>
public sealed unsafe class OnnxEnvironment
{
    private const int LogSeverityWarning = 2; // ORT_LOGGING_LEVEL_WARNING

    private static readonly Lazy<OnnxEnvironment> Shared = new(() => new OnnxEnvironment());

    private OnnxEnvironment()
    {
        OrtApi api = OrtApi.Instance;
        Handle = new OrtEnvHandle();
        IntPtr env;
        fixed (byte* logId = "TeleDerm"u8)
        {
            api.Check(api.CreateEnv(LogSeverityWarning, logId, &env));
        }

        Handle.Adopt(env);
        Version = api.Version;
    }

    public static OnnxEnvironment Instance => Shared.Value;

    /// <summary>The ONNX Runtime version string, e.g. "1.30.0".</summary>
    public string Version { get; }

    internal OrtEnvHandle Handle { get; }
}

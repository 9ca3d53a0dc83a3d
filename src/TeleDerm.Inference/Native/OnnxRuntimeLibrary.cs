using System.Runtime.InteropServices;

namespace TeleDerm.Inference.Native;

/// <summary>
/// Finds and loads libonnxruntime.so.1, once per process. Search order: the file or folder named by
/// <c>TELEDERM_ONNXRUNTIME_PATH</c>; <c>native/onnxruntime/linux-x64/</c> beside the application; the
/// same folder in the repository above it (where scripts/fetch-onnxruntime.sh puts it).
/// </summary>
internal static class OnnxRuntimeLibrary
{
    public const string PathVariable = "TELEDERM_ONNXRUNTIME_PATH";
    public const string FileName = "libonnxruntime.so.1";
    private static readonly string RelativeFolder = Path.Combine("native", "onnxruntime", "linux-x64");

    private static readonly Lazy<IntPtr> Handle = new(Load);

    public static IntPtr Get() => Handle.Value;

    /// <summary>Where the library is looked for, in order.</summary>
    internal static IEnumerable<string> Candidates(string? configured, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured;
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, RelativeFolder, FileName);
        }
    }

    /// <summary>The first existing candidate, or an error that says how to get the library.</summary>
    internal static string Locate(string? configured, string baseDirectory)
    {
        var tried = new List<string>();
        foreach (string candidate in Candidates(configured, baseDirectory))
        {
            tried.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DllNotFoundException(
            $"ONNX Runtime ({FileName}) was not found. Run scripts/fetch-onnxruntime.sh from the repository root " +
            $"(it fetches npm onnxruntime-node@1.30.0 into native/onnxruntime/linux-x64/), or set {PathVariable} " +
            $"to the library's path. Looked in: {string.Join(", ", tried.Take(4))}{(tried.Count > 4 ? ", ..." : "")}.");
    }

    // A file that exists but fails to load (wrong architecture, missing libstdc++) throws here with the loader's reason.
    private static IntPtr Load() =>
        NativeLibrary.Load(Locate(Environment.GetEnvironmentVariable(PathVariable), AppContext.BaseDirectory));
}

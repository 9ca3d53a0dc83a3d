using System.Diagnostics;

namespace TeleDerm.RiskModel.Tests.Support;

/// <summary>
/// onnxruntime-node installed with npm into a folder under the temp directory, reused across runs; never
/// into the repository. 1.31.1 is the newest the npm registry serves here (we run 1.32.0 from NuGet): an
/// independent build of the same runtime, one release apart, is what the cross-check wants.
/// </summary>
internal static class NodeOnnxRuntime
{
    public const string Version = "1.31.1";

    private static readonly Lazy<string> Installed = new(Install);

    public static string Prefix => Installed.Value;

    private static string Install()
    {
        string prefix = Path.Combine(Path.GetTempPath(), $"teleDerm-onnxruntime-node-{Version}");
        string marker = Path.Combine(prefix, "node_modules", "onnxruntime-node", "package.json");
        if (File.Exists(marker))
            return prefix;
        RequireTool("node");
        RequireTool("npm");
        Directory.CreateDirectory(prefix);
        // --ignore-scripts: the postinstall script downloads GPU extras we neither need nor can reach.
        var (exit, output) = Run("npm", prefix, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-save", "--prefix", prefix, $"onnxruntime-node@{Version}");
        Assert.True(exit == 0 && File.Exists(marker), $"npm install onnxruntime-node@{Version} failed (exit {exit}):\n{output}");
        return prefix;
    }

    public static (int Exit, string Output) Run(string tool, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static void RequireTool(string tool)
    {
        bool found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
        Assert.True(found, $"'{tool}' is not installed: the Node cross-check needs Node.js and npm (Debian packages nodejs and npm).");
    }
}

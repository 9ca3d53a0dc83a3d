using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TeleDerm.RiskModel.Tests;

/// <summary>
/// Scoring runs on the official ONNX Runtime package: no binding of our own loads the library, and ONNX
/// Runtime writes nothing under the user's home (its telemetry store is switched off before it starts).
/// </summary>
public sealed partial class OfficialOnnxRuntimeTests
{
    [Fact]
    public void Scoring_in_a_fresh_process_writes_nothing_under_the_users_home()
    {
        string home = Directory.CreateTempSubdirectory("teleDerm-home-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "teleDerm.dll"), "score", "--model", RepoPaths.DefaultModel,
                    RepoPaths.DermoscopyImage("ISIC_0000148") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["HOME"] = home;
            // Each of these would hide the problem: ORT honours XDG_CACHE_HOME, and skips telemetry under CI or with the switch already set.
            foreach (string name in new[] { "XDG_CACHE_HOME", "CI", "ORT_DISABLE_TELEMETRY", "DOTNET_CLI_HOME" })
                start.Environment.Remove(name);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd(), errors = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "the score command did not finish in 2 minutes");

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{output}\n{errors}");
            Assert.Contains("\"risk\"", output, StringComparison.Ordinal);
            string[] written = Directory.GetFileSystemEntries(home, "*", SearchOption.AllDirectories);
            Assert.True(written.Length == 0, "written under HOME: " + string.Join(", ", written.Select(p => Path.GetRelativePath(home, p))));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void No_file_of_ours_loads_onnx_runtime_itself_and_the_npm_download_is_gone()
    {
        string root = RepoPaths.Root;
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && text.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase)
                        && NativeLoading().IsMatch(text))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        Assert.Empty(offenders);
        Assert.False(File.Exists(Path.Combine(root, "scripts", "fetch-onnxruntime.sh")));
        foreach (string file in new[] { "README.md", "Dockerfile", Path.Combine("scripts", "install-dependencies.sh"), Path.Combine(".ci", "run") })
            Assert.DoesNotContain("fetch-onnxruntime", File.ReadAllText(Path.Combine(root, file)), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bdlopen\b|NativeLibrary\.|DllImport\(""[^""]*onnxruntime|LibraryImport\(""[^""]*onnxruntime")]
    private static partial Regex NativeLoading();
}

using System.Diagnostics;

namespace TeleDerm.Imaging.Tests.Support;

/// <summary>Runs a command-line tool from a Debian package; a missing tool fails naming the package.</summary>
internal static class ExternalTool
{
    public static string Require(string tool, string debianPackage)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'{tool}' was not found on PATH: install the Debian package '{debianPackage}' (apt-get install {debianPackage}).");
        return tool;
    }

    public static bool IsAvailable(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>Runs the tool and returns its standard output bytes; a non-zero exit fails the test with stderr.</summary>
    public static byte[] Run(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.ToArray();
    }
}

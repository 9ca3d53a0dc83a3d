using System.Diagnostics;

namespace TeleDerm.Testing;

/// <summary>
/// Runs a command-line tool from a Debian package (dcmtk, libjpeg-turbo-progs, poppler-utils, qpdf…). A missing
/// tool fails the test naming the package to install: never a silent skip.
/// </summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public string All => Output + Errors;
    }

    /// <summary>The tool's full path; a missing tool throws with the package to install.</summary>
    public static string Require(string tool, string debianPackage) =>
        Find(tool) ?? throw new InvalidOperationException($"'{tool}' was not found on PATH: install the Debian package '{debianPackage}' (apt-get install {debianPackage}).");

    public static bool IsAvailable(string tool) => Find(tool) is not null;

    /// <summary>Runs the tool and returns its exit code and both streams (text); it must finish within a minute.</summary>
    public static Result Run(string tool, string debianPackage, params string[] arguments)
    {
        using var process = Start(Require(tool, debianPackage), arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within 60 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the tool and returns its standard output as bytes (images); a non-zero exit throws with its errors.</summary>
    public static byte[] RunForBytes(string executable, params string[] arguments)
    {
        using var process = Start(executable, arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.ToArray()
            : throw new InvalidOperationException($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin")
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static Process Start(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
    }
}

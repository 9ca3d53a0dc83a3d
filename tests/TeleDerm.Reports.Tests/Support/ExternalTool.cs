using System.Diagnostics;

namespace TeleDerm.Reports.Tests.Support;

/// <summary>Runs a Debian-packaged PDF or crypto tool; a missing binary fails the test with the package to install.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public string All => Output + Errors;
    }

    public static Result Run(string tool, string package, params string[] arguments)
    {
        var binary = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin")
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
        if (binary is null)
            Assert.Fail($"{tool} is not installed: run `apt-get install {package}`");
        var start = new ProcessStartInfo(binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            Assert.Fail($"{tool} did not finish within 60 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

using System.Diagnostics;

namespace TeleDerm.Dicom.Tests.Support;

/// <summary>Runs dcmtk's dcm2json. A missing binary fails the test: it is never skipped silently.</summary>
public static class Dcm2Json
{
    public sealed record Result(int ExitCode, string Json, string Errors);

    public static Result Run(string path, params string[] options)
    {
        var binary = FindBinary();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var option in options)
            start.ArgumentList.Add(option);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dcm2json");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            Assert.Fail($"dcm2json did not finish within 60 s on {path}");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindBinary()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "dcm2json");
            if (File.Exists(candidate))
                return candidate;
        }

        Assert.Fail("dcm2json (dcmtk) is not installed: run `apt-get install dcmtk` to compare our DICOM JSON with dcmtk's");
        return "";
    }
}

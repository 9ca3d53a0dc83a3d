using System.Diagnostics;
using System.Globalization;
using TeleDerm.Testing;

namespace TeleDerm.Testing.Web;

/// <summary>
/// The built app (src/TeleDerm.Web, Release) as a process of its own on 127.0.0.1 and a free port: an instance a test
/// can kill without warning (SIGKILL), as a crash or a pulled plug would. Settings are given as environment variables
/// (TeleDerm__...), as an operator would. Its output goes to a log in its own temp folder, quoted when it fails to start.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly string folder;

    public AppProcess(IDictionary<string, string?> settings)
    {
        var web = Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "TeleDerm.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (dotnet build TeleDerm.sln -c Release).");
        }
        folder = Directory.CreateTempSubdirectory("teleDerm-app-").FullName;
        BaseAddress = new Uri($"http://127.0.0.1:{ProcessRunner.FreeTcpPort()}/");
        var log = Path.Combine(folder, "app.log");
        // A shell redirects the output to the log: nothing to drain here, and the log outlives the process for the message.
        // The folder is on the command line (an unused setting) so that scripts/check-test-servers.sh finds a survivor.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = web };
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" --urls \"$1\" --TeleDermTestFolder=\"$3\" >\"$2\" 2>&1", dll, BaseAddress.GetLeftPart(UriPartial.Authority), log, folder })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["TeleDerm__Demo__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["TeleDerm__RateLimits__SignInPerMinute"] = "100000";
        info.Environment["TeleDerm__RateLimits__ImagesPerMinute"] = "100000";
        info.Environment["TeleDerm__RateLimits__IntakeApiPerMinute"] = "100000";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        ServerWatchdog.Guard($"kill -KILL {process.Id}", folder);
        LogPath = log;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>Waits until the instance answers /health/ready (database migrated and reachable).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting:\n{ReadLog()}");
            }
            try
            {
                using var response = await client.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app on {BaseAddress} was not ready within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{ReadLog()}");
    }

    /// <summary>Kills the instance at once (SIGKILL): no graceful shutdown, leases and connections left as they were.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
        ServerWatchdog.RemoveFolder(folder);
    }
}

using System.Diagnostics;
using System.Globalization;

namespace TeleDerm.Testing;

/// <summary>
/// Makes sure a server a fixture started does not outlive the test process. A fixture stops its server when it is
/// disposed or when the process exits normally; but a test host that is aborted (vstest kills it on a timeout or a
/// crash) runs neither. So each server also gets a watchdog: a small shell loop in its own session that waits for the
/// test process to be gone, then runs the server's stop command and removes its temporary folder. Stopping twice is
/// harmless, so the watchdog runs in every case.
/// </summary>
public static class ServerWatchdog
{
    /// <param name="stopCommand">A shell command that stops the server (it may find nothing left to stop).</param>
    /// <param name="folder">The server's temporary folder, removed after it stopped.</param>
    public static void Guard(string stopCommand, string folder) => Guard(Environment.ProcessId, stopCommand, folder);

    /// <summary>The same, watching <paramref name="parentProcessId"/> instead of this process (for the watchdog's own test).</summary>
    public static void Guard(int parentProcessId, string stopCommand, string folder)
    {
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "bash", "-c", "parent=$1; folder=$2; stop=$3; while kill -0 \"$parent\" 2>/dev/null; do sleep 1; done; bash -c \"$stop\" >/dev/null 2>&1; rm -rf -- \"$folder\"",
            "watchdog", parentProcessId.ToString(CultureInfo.InvariantCulture), folder, stopCommand,
        })
        {
            info.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server watchdog (setsid, util-linux).");
        watchdog.StandardInput.Close();
    }

    /// <summary>Removes a server's temporary folder once it has stopped; a folder already gone is fine.</summary>
    public static void RemoveFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Still in use by a server stopping: the watchdog removes it after the test process.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;

namespace TeleDerm.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 with a free port: Debian's aiosmtpd (python3-aiosmtpd) keeping every message it
/// receives in a Maildir of its own temp folder. It can be stopped and started again on the same port, as a mail
/// server that goes away for a while. Stopped on dispose, and by the watchdog if the test process is aborted.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string Module = "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py";
    private Process? process;

    public SmtpSink()
    {
        if (!File.Exists(Python) || !File.Exists(Module))
        {
            throw new InvalidOperationException($"{Module} is missing: install the Debian package 'python3-aiosmtpd' (scripts/install-dependencies.sh test).");
        }
        Folder = Directory.CreateTempSubdirectory("teleDerm-smtp-").FullName;
        Port = ProcessRunner.FreeTcpPort();
        Start();
    }

    public string Folder { get; }
    public int Port { get; }
    private string Mailbox => Path.Combine(Folder, "mail");

    public void Start()
    {
        if (process is { HasExited: false })
        {
            return;
        }
        var info = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Mailbox })
        {
            info.ArgumentList.Add(argument);
        }
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        ServerWatchdog.Guard($"kill -TERM {process.Id}", Folder);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                errors.Enqueue(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessRunner.WaitUntilListening(process, Port, "aiosmtpd", () => string.Join('\n', errors));
    }

    /// <summary>Stops the server (connections are refused until <see cref="Start"/>); what it received stays.</summary>
    public void Stop()
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        process = null;
    }

    /// <summary>The raw messages received so far (RFC 5322 files), oldest first.</summary>
    public IReadOnlyList<string> ReceivedFiles()
    {
        var received = Path.Combine(Mailbox, "new");
        return Directory.Exists(received) ? [.. Directory.GetFiles(received).OrderBy(File.GetLastWriteTimeUtc)] : [];
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; returns them.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ReceivedFiles().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return ReceivedFiles();
    }

    public void Dispose()
    {
        Stop();
        ServerWatchdog.RemoveFolder(Folder);
    }
}

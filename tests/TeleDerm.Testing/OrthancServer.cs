using System.Diagnostics;
using System.Text.Json;

namespace TeleDerm.Testing;

/// <summary>
/// A real Orthanc 1.10 with its DICOMweb plugin, for the tests of this process: a config written into a
/// temporary folder (storage and index there too), started on a free port, reached on 127.0.0.1 only
/// (Orthanc 1.10 cannot choose its listening address, so remote access and the DICOM port are off).
/// <see cref="Stop"/> and <see cref="Start"/> restart it on the same port and storage; it is killed by its
/// own process id at dispose or process exit.
/// </summary>
public sealed class OrthancServer : IDisposable
{
    private const string Binary = "/usr/sbin/Orthanc";
    private const string DicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
    private static readonly Lazy<OrthancServer> SharedServer = new(() => new OrthancServer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string configPath;
    private readonly string logPath;
    private readonly Lock gate = new();
    private Process? process;
    private readonly string root;

    private string PidPath => Path.Combine(root, "orthanc.pid");

    /// <summary>One server for every test that only stores and reads (each uses its own UIDs).</summary>
    public static OrthancServer Shared => SharedServer.Value;

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>The DICOMweb service root (STOW-RS, QIDO-RS, WADO-RS).</summary>
    public Uri DicomWebRoot => new(BaseUri, "dicom-web/");

    public OrthancServer()
    {
        if (!File.Exists(Binary) || !File.Exists(DicomWebPlugin))
        {
            throw new InvalidOperationException(
                $"Orthanc with its DICOMweb plugin is not installed ({Binary} or {DicomWebPlugin} is missing). Install the Debian packages 'orthanc orthanc-dicomweb' (scripts/install-dependencies.sh does it).");
        }
        root = Directory.CreateTempSubdirectory("teleDerm-orthanc-").FullName;
        Port = ProcessRunner.FreeTcpPort();
        configPath = Path.Combine(root, "orthanc.json");
        logPath = Path.Combine(root, "orthanc.log");
        var config = new Dictionary<string, object>
        {
            ["Name"] = "TeleDermTest",
            ["HttpPort"] = Port,
            ["DicomServerEnabled"] = false,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["StorageDirectory"] = Path.Combine(root, "storage"),
            ["IndexDirectory"] = Path.Combine(root, "index"),
            ["Plugins"] = new[] { DicomWebPlugin },
            ["DicomWeb"] = new Dictionary<string, object> { ["Enable"] = true, ["Root"] = "/dicom-web/" },
        };
        File.WriteAllText(configPath, JsonSerializer.Serialize(config));
        // Orthanc may be restarted by a test (a new process each time): the watchdog reads the latest pid from its file.
        ServerWatchdog.Guard($"kill -KILL $(cat '{PidPath}')", root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
        Start();
    }

    /// <summary>Starts the server (again) and waits until /system answers.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (process is { HasExited: false })
            {
                return;
            }
            var info = new ProcessStartInfo(Binary)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.ArgumentList.Add(configPath);
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Binary}.");
            File.WriteAllText(PidPath, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Orthanc logs to stderr: keep it in a file so a failed start can say why, and so a full pipe never blocks it.
            var log = TextWriter.Synchronized(new StreamWriter(logPath, append: true) { AutoFlush = true });
            process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
            process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            WaitUntilAnswering(process);
        }
    }

    /// <summary>Stops the server (SIGTERM, so Orthanc closes its index cleanly); storage stays for <see cref="Start"/>.</summary>
    public void Stop()
    {
        lock (gate)
        {
            if (process is not { HasExited: false } running)
            {
                return;
            }
            ProcessRunner.Run("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!running.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                running.Kill();
                running.WaitForExit();
            }
            running.Dispose();
            process = null;
        }
    }

    public void Dispose() => Kill();

    private void Kill()
    {
        lock (gate)
        {
            try
            {
                if (process is { HasExited: false })
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process?.Dispose();
            process = null;
            ServerWatchdog.RemoveFolder(root);
        }
    }

    private void WaitUntilAnswering(Process started)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"Orthanc exited with {started.ExitCode} at start; log {logPath}:\n{ReadLog()}");
            }
            try
            {
                using var response = http.GetAsync(new Uri(BaseUri, "system")).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"Orthanc did not answer /system on port {Port} within 30 s; log {logPath}:\n{ReadLog()}");
    }

    private string ReadLog()
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }
}

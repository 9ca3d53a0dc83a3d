using System.Diagnostics;

namespace TeleDerm.Testing;

/// <summary>
/// Debian's nginx in the foreground on 127.0.0.1 with a free port and its own temp folder, serving the upstream and
/// server blocks a fixture writes (<see cref="NginxTlsProxy"/>, <see cref="NginxLoadBalancer"/>). Stopped on dispose,
/// and by the watchdog if the test process is aborted.
/// </summary>
public sealed class NginxServer : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private readonly Process process;

    /// <param name="httpBlocks">Given the server's folder and port, the blocks inside <c>http { }</c> (upstreams, servers).</param>
    public NginxServer(Func<string, int, string> httpBlocks)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package 'nginx-light' (scripts/install-dependencies.sh test).");
        }
        Folder = Directory.CreateTempSubdirectory("teleDerm-nginx-").FullName;
        Port = ProcessRunner.FreeTcpPort();
        File.WriteAllText(Path.Combine(Folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{Folder}}/nginx.pid;
            error_log {{Folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{Folder}}/body;
                proxy_temp_path {{Folder}}/proxy;
                fastcgi_temp_path {{Folder}}/fastcgi;
                uwsgi_temp_path {{Folder}}/uwsgi;
                scgi_temp_path {{Folder}}/scgi;
                client_max_body_size 700m;
            {{httpBlocks(Folder, Port)}}
            }
            """);
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", Folder, "-c", Path.Combine(Folder, "nginx.conf") })
        {
            info.ArgumentList.Add(argument);
        }
        process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        // By the master's pid: on SIGTERM it stops its workers too.
        ServerWatchdog.Guard($"kill -TERM {process.Id}", Folder);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessRunner.WaitUntilListening(process, Port, "nginx", ReadLog);
    }

    public string Folder { get; }

    public int Port { get; }

    public string ReadLog()
    {
        var log = Path.Combine(Folder, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no error log)";
    }

    public void Dispose()
    {
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
        ServerWatchdog.RemoveFolder(Folder);
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Testing;

/// <summary>
/// Debian's nginx terminating TLS (a self-signed certificate made here) on 127.0.0.1 and a free port, in front of
/// an upstream on loopback: what a hospital puts in front of TeleDerm. It connects upstream from
/// <see cref="ProxyAddress"/> (127.0.0.2), so the app can tell the proxy from a client, and adds the client's address
/// to X-Forwarded-For and the scheme to X-Forwarded-Proto. Its own temp folder; stopped on dispose.
/// </summary>
public sealed class NginxTlsProxy : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string ProxyAddress = "127.0.0.2";
    private readonly Process process;
    private readonly string folder;

    public NginxTlsProxy(Uri upstream)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package 'nginx-light' (scripts/install-dependencies.sh test).");
        }
        folder = Directory.CreateTempSubdirectory("teleDerm-nginx-").FullName;
        Port = ProcessRunner.FreeTcpPort();
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        }
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                client_max_body_size 700m;
                server {
                    listen 127.0.0.1:{{Port}} ssl;
                    ssl_certificate {{folder}}/tls.crt;
                    ssl_certificate_key {{folder}}/tls.key;
                    location / {
                        proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                        proxy_bind {{ProxyAddress}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $host:$server_port;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                    }
                }
            }
            """);
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") })
        {
            info.ArgumentList.Add(argument);
        }
        process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        // By the master's pid (its file, as nginx writes it): on SIGTERM it stops its workers too.
        ServerWatchdog.Guard($"kill -TERM {process.Id}", folder);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {ReadLog()}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException($"nginx did not listen on {Port} within 15 s: {ReadLog()}");
    }

    private string ReadLog()
    {
        var log = Path.Combine(folder, "error.log");
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
        ServerWatchdog.RemoveFolder(folder);
    }
}

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
    public const string ProxyAddress = "127.0.0.2";
    private readonly NginxServer server;

    public NginxTlsProxy(Uri upstream) => server = new NginxServer((folder, port) =>
    {
        WriteCertificate(folder);
        return $$"""
            server {
                listen 127.0.0.1:{{port}} ssl;
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
            """;
    });

    public int Port => server.Port;

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");

    private static void WriteCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => server.Dispose();
}

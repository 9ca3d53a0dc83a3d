using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TeleDerm.Reports.Certificates;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Reports;

/// <summary>
/// TeleDerm's own certificate authority, made at first start in the data folder: the certificate as PEM
/// (to hand to verifiers: pdfsig's NSS database, `teleDerm report verify --trust`), the key only inside a
/// PKCS#12 blob protected with ASP.NET Core Data Protection (whose key ring lives beside it, in keys/).
/// </summary>
public sealed class ReportAuthority(IOptions<TeleDermOptions> options, IDataProtectionProvider protection, TimeProvider clock, ILogger<ReportAuthority> logger)
{
    private const string Purpose = "TeleDerm.Reports.Authority";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private X509Certificate2? _authority;

    public string Folder => Path.Combine(options.Value.ResolveDataDirectory(), "reports");
    public string CertificatePath => Path.Combine(Folder, "teleDerm-ca.pem");
    private string KeyPath => Path.Combine(Folder, "teleDerm-ca.p12.protected");

    /// <summary>The authority with its private key, made on first use.</summary>
    public async Task<X509Certificate2> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_authority is not null)
            return _authority;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _authority ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The public certificate only (for chains and verification).</summary>
    public async Task<X509Certificate2> CertificateAsync(CancellationToken cancellationToken = default) =>
        X509CertificateLoader.LoadCertificate((await GetAsync(cancellationToken)).RawData);

    private async Task<X509Certificate2> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var protector = protection.CreateProtector(Purpose);
        if (File.Exists(KeyPath))
        {
            var pkcs12 = protector.Unprotect(await File.ReadAllBytesAsync(KeyPath, cancellationToken));
            return X509CertificateLoader.LoadPkcs12(pkcs12, password: null, X509KeyStorageFlags.Exportable);
        }
        Directory.CreateDirectory(Folder);
        var authority = CertificateAuthority.CreateRoot("TeleDerm Report Signing CA", "TeleDerm", clock.GetUtcNow());
        var blob = protector.Protect(authority.Export(X509ContentType.Pkcs12));
        // Written to a new file then moved: a crash never leaves half a key.
        var temporary = KeyPath + ".tmp";
        await File.WriteAllBytesAsync(temporary, blob, cancellationToken);
        File.Move(temporary, KeyPath, overwrite: false);
        await File.WriteAllTextAsync(CertificatePath, authority.ExportCertificatePem(), cancellationToken);
        logger.LogInformation("Created the report signing certificate authority {Subject} ({Thumbprint}) in {Folder}.",
            authority.Subject, authority.Thumbprint, Folder);
        return authority;
    }
}

/// <summary>Makes the authority at start-up, so its certificate is there to distribute before the first report.</summary>
public sealed class ReportAuthorityStartup(ReportAuthority authority) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => authority.GetAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

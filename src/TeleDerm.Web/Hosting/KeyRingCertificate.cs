using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// The certificate (PKCS#12 with its RSA private key, from the hospital) that encrypts the Data Protection key
/// ring at rest, when <see cref="SecurityOptions.KeyRingCertificatePath"/> is set. The key ring protects the
/// sign-in cookies and TeleDerm's report-signing CA key: unencrypted, whoever can read the data folder's
/// keys/ can read those too. Without a certificate ASP.NET Core keeps the keys in clear and logs a warning.
/// </summary>
public static class KeyRingCertificate
{
    /// <summary>
    /// The configured certificate, or null when none is configured. A certificate that is configured but cannot be
    /// used stops the app at start, saying which setting and why.
    /// </summary>
    public static X509Certificate2? Load(SecurityOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.KeyRingCertificatePath))
        {
            return null;
        }
        var path = options.KeyRingCertificatePath;
        var prefix = $"TeleDerm:Security:KeyRingCertificatePath ({path}): ";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(prefix + "no such file.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.KeyRingCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                prefix + $"not a readable PKCS#12 file with this password (TeleDerm:Security:KeyRingCertificatePassword): {e.Message}", e);
        }
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(prefix + "the certificate has no RSA private key; the key ring is encrypted with RSA (XML encryption).");
        }
        return certificate;
    }
}

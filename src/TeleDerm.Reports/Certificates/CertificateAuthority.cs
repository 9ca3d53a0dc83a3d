using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Reports.Certificates;

/// <summary>
/// TeleDerm's own certificate authority: a self-signed root made once per installation, which issues each
/// dermatologist a signing certificate. Key usages follow what PDF verifiers (NSS in poppler's pdfsig,
/// OpenSSL) check for document signing: digitalSignature and nonRepudiation, no extended key usage.
/// </summary>
public static class CertificateAuthority
{
    public static readonly TimeSpan RootValidity = TimeSpan.FromDays(20 * 365);
    public static readonly TimeSpan SignerValidity = TimeSpan.FromDays(3 * 365);

    public static X509Certificate2 CreateRoot(string commonName, string organization, DateTimeOffset now)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest(Name(commonName, organization), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(RootValidity));
    }

    /// <summary>A signing certificate with a fresh key, issued by <paramref name="authority"/> (which must hold its private key).</summary>
    public static X509Certificate2 IssueSigningCertificate(X509Certificate2 authority, string commonName, string organization, string? email, DateTimeOffset now)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest(Name(commonName, organization), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (!string.IsNullOrWhiteSpace(email))
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddEmailAddress(email);
            request.CertificateExtensions.Add(names.Build());
        }
        var notAfter = now.Add(SignerValidity);
        if (notAfter > authority.NotAfter)
            notAfter = authority.NotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // positive INTEGER
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Name(string commonName, string organization)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName(organization);
        return builder.Build();
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Reports.Certificates;

/// <summary>
/// TeleDerm's own certificate authority: a self-signed root made once per installation, which issues each
/// dermatologist a signing certificate. Key usages follow what PDF verifiers (NSS in poppler's pdfsig,
/// OpenSSL) check for document signing: digitalSignature and nonRepudiation, no extended key usage.
/// Keys are ECDSA on P-256 with SHA-256 (ETSI TS 119 312's and ANSSI's recommended curve, accepted by PAdES
/// verifiers): as strong as RSA-3072 for the years a report is kept, and a signature costs ~0.02 ms instead of ~3 ms,
/// which is what keeps a signed report within 1.2 x the unsigned one (docs/benchmarks.md, "Signed report").
/// A root made earlier with an RSA key keeps issuing: the signature on the certificate follows the issuer's key.
/// </summary>
public static class CertificateAuthority
{
    public static readonly TimeSpan RootValidity = TimeSpan.FromDays(20 * 365);
    public static readonly TimeSpan SignerValidity = TimeSpan.FromDays(3 * 365);

    public static X509Certificate2 CreateRoot(string commonName, string organization, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(commonName, organization), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(RootValidity));
    }

    /// <summary>A signing certificate with a fresh key, issued by <paramref name="authority"/> (which must hold its private key).</summary>
    public static X509Certificate2 IssueSigningCertificate(X509Certificate2 authority, string commonName, string organization, string? email, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(commonName, organization), key, HashAlgorithmName.SHA256);
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
        using var issuerKey = IssuerKey(authority);
        var issuerSignature = issuerKey is ECDsa ecdsa
            ? X509SignatureGenerator.CreateForECDsa(ecdsa)
            : X509SignatureGenerator.CreateForRSA((RSA)issuerKey, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(authority.SubjectName, issuerSignature, now.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>The authority's private key, ECDSA or (a root made before P-256) RSA: it signs what it issues.</summary>
    private static AsymmetricAlgorithm IssuerKey(X509Certificate2 authority) =>
        (AsymmetricAlgorithm?)authority.GetECDsaPrivateKey() ?? authority.GetRSAPrivateKey()
        ?? throw new ArgumentException("The certificate authority has no ECDSA or RSA private key.", nameof(authority));

    private static X500DistinguishedName Name(string commonName, string organization)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName(organization);
        return builder.Build();
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using TeleDerm.Reports.Certificates;
using TeleDerm.Reports.Signing;
using TeleDerm.Reports.Verification;

namespace TeleDerm.Reports.Tests;

/// <summary>
/// TeleDerm's own authority issues ECDSA P-256 keys; roots made earlier with RSA keep issuing, and certificates a
/// hospital imports with RSA keys keep signing reports that verify here and in OpenSSL.
/// </summary>
public class SigningKeyTests
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string Sha256WithRsa = "1.2.840.113549.1.1.11";

    [Fact]
    public void TeleDerm_issues_P256_keys_signed_with_ECDSA_SHA256()
    {
        foreach (var certificate in new[] { TestPki.Root, TestPki.Dermatologist.Certificate })
        {
            using var key = certificate.GetECDsaPublicKey();
            Assert.NotNull(key);
            Assert.Equal(256, key.KeySize);
            Assert.Equal(EcdsaWithSha256, certificate.SignatureAlgorithm.Value);
        }
        var (der, content) = ExternalVerificationTests.Extract(SampleReports.Signed());
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(der);
        Assert.StartsWith("1.2.840.10045.", Assert.Single(cms.SignerInfos.Cast<SignerInfo>()).SignatureAlgorithm.Value);
    }

    [Fact]
    public void A_root_made_with_an_RSA_key_before_keeps_issuing_and_its_reports_verify()
    {
        using var rsaRoot = RsaCertificate("TeleDerm Report Signing CA (2025)", issuer: null);
        using var issued = CertificateAuthority.IssueSigningCertificate(rsaRoot, "Dr Claire Martin", "TeleDerm tests", null, TestPki.Now.AddDays(-1));

        Assert.Equal(Sha256WithRsa, issued.SignatureAlgorithm.Value);
        using (var key = issued.GetECDsaPublicKey())
            Assert.NotNull(key);
        var result = ReportVerifier.Verify(Sign(new SigningIdentity(issued, [rsaRoot])), [rsaRoot]);
        Assert.True(result.IsValid, result.Signatures.FirstOrDefault()?.Problem ?? result.Problem);
    }

    [Fact]
    public void A_hospital_RSA_3072_certificate_signs_reports_that_TeleDerm_and_OpenSSL_verify()
    {
        using var hospitalRoot = RsaCertificate("CHU Test Root", issuer: null);
        using var hospitalCertificate = RsaCertificate("Dr Claire Martin", issuer: hospitalRoot);
        var pdf = Sign(new SigningIdentity(hospitalCertificate, [hospitalRoot]));

        var result = ReportVerifier.Verify(pdf, [hospitalRoot]);
        Assert.True(result.IsValid, result.Signatures.FirstOrDefault()?.Problem ?? result.Problem);
        Assert.Equal("Dr Claire Martin", result.Signatures[0].SignerName);

        var (signature, signedBytes) = ExternalVerificationTests.Extract(pdf);
        var folder = Directory.CreateTempSubdirectory("teleDerm-openssl-rsa-").FullName;
        File.WriteAllBytes(Path.Combine(folder, "signature.der"), signature);
        File.WriteAllBytes(Path.Combine(folder, "signed.bin"), signedBytes);
        File.WriteAllText(Path.Combine(folder, "root.pem"), hospitalRoot.ExportCertificatePem());
        var openssl = ExternalVerificationTests.OpensslVerify(folder, Path.Combine(folder, "root.pem"));
        Assert.True(openssl.ExitCode == 0, openssl.All);
        Assert.Contains("Verification successful", openssl.All);
    }

    private static byte[] Sign(SigningIdentity identity)
    {
        using var document = ReportComposer.Compose(SampleReports.Content());
        return PadesSigner.Sign(document, identity, SampleReports.SigningTime, "Tele-expertise report");
    }

    /// <summary>An RSA-3072 certificate as TeleDerm made them before P-256, or as a hospital's PKI issues them.</summary>
    private static X509Certificate2 RsaCertificate(string commonName, X509Certificate2? issuer)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest($"CN={commonName}, O=CHU Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(issuer is null, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            issuer is null ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var notBefore = TestPki.Now.AddDays(-2);
        if (issuer is null)
            return request.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        using var issued = request.Create(issuer, notBefore, notBefore.AddYears(3), RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7f) : b).ToArray());
        return issued.CopyWithPrivateKey(key);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Reports.Certificates;
using TeleDerm.Reports.Composition;
using TeleDerm.Reports.Content;
using TeleDerm.Reports.Signing;
using TeleDerm.Reports.Verification;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Reports;

/// <summary>TeleDerm's certificate authority in the data folder, dermatologists' certificates, PKCS#12 import.</summary>
public sealed class SigningCertificateTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private static TeleDermUser Dermatologist(string name = "Dr Anne Moreau") =>
        new() { Id = Guid.NewGuid().ToString(), DisplayName = name, Email = "anne.moreau@test.example", UserName = "anne.moreau@test.example" };

    [Fact]
    public async Task The_authority_is_made_at_first_start_with_its_key_stored_only_protected_and_kept_across_restarts()
    {
        var authority = app.Services.GetRequiredService<ReportAuthority>();
        var first = await authority.CertificateAsync();
        var pem = await File.ReadAllTextAsync(authority.CertificatePath);
        Assert.Equal(first.Thumbprint, X509Certificate2.CreateFromPem(pem).Thumbprint);
        var keyFile = Directory.GetFiles(authority.Folder, "*.protected").Single();
        // The file on disk is not a PKCS#12 anyone can open: Data Protection wraps it.
        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(File.ReadAllBytes(keyFile), null));
        Assert.DoesNotContain("PRIVATE KEY", pem);

        using var restarted = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:DataDirectory"] = app.DataDirectory });
        var again = await restarted.Services.GetRequiredService<ReportAuthority>().GetAsync();
        Assert.Equal(first.Thumbprint, again.Thumbprint);
        Assert.True(again.HasPrivateKey);
    }

    [Fact]
    public async Task A_dermatologist_without_a_certificate_gets_one_from_the_authority_and_keeps_it()
    {
        var credentials = app.Services.GetRequiredService<SigningCredentials>();
        var user = Dermatologist();
        var identity = await credentials.IdentityForAsync(user);
        var again = await credentials.IdentityForAsync(user);

        Assert.Equal("Dr Anne Moreau", identity.SignerName);
        Assert.True(identity.Certificate.HasPrivateKey);
        Assert.Equal(identity.Certificate.Thumbprint, again.Certificate.Thumbprint);
        var root = await app.Services.GetRequiredService<ReportAuthority>().CertificateAsync();
        Assert.Contains(identity.Chain, c => c.Thumbprint == root.Thumbprint);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var stored = await db.Set<SigningCredential>().SingleAsync(c => c.UserId == user.Id);
        Assert.Equal(SigningCredentialSource.TeleDermAuthority, stored.Source);
        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(stored.ProtectedPkcs12, null));
    }

    [Fact]
    public async Task A_certificate_whose_key_cannot_sign_reports_is_refused_at_import()
    {
        // A DSA key: PKCS#12 and X.509 allow it, TeleDerm's signer writes ECDSA and RSA signatures only.
        var now = DateTimeOffset.UtcNow;
        using var hospitalRoot = CertificateAuthority.CreateRoot("CHU Test Root", "CHU Test", now.AddDays(-1));
        using var dsa = DSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName("CN=Dr Anne Moreau, O=CHU Test"), new PublicKey(dsa), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        using var rootKey = hospitalRoot.GetECDsaPrivateKey()!;
        using var issued = request.Create(hospitalRoot.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), now.AddDays(-1), now.AddYears(1), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(dsa);

        var refused = await Assert.ThrowsAsync<ReportSigningException>(() =>
            app.Services.GetRequiredService<SigningCredentials>().ImportAsync(Dermatologist(), withKey.Export(X509ContentType.Pkcs12, "p")!, "p"));

        Assert.Equal("SigningError.UnsupportedKey", refused.Refusal.Key);
        Assert.Equal("The certificate's key is neither ECDSA nor RSA: reports can be signed with these two kinds of keys only.", refused.Message);
    }

    [Fact]
    public async Task A_certificate_from_the_hospital_PKI_is_imported_from_PKCS12_and_then_signs()
    {
        var now = DateTimeOffset.UtcNow;
        using var hospitalRoot = CertificateAuthority.CreateRoot("CHU Test Root", "CHU Test", now.AddDays(-1));
        using var issued = CertificateAuthority.IssueSigningCertificate(hospitalRoot, "Dr Anne Moreau", "CHU Test", null, now.AddDays(-1));
        var pkcs12 = new X509Certificate2Collection { issued, X509CertificateLoader.LoadCertificate(hospitalRoot.RawData) }
            .Export(X509ContentType.Pkcs12, "hospital-password")!;
        var credentials = app.Services.GetRequiredService<SigningCredentials>();
        var user = Dermatologist();

        var wrong = await Assert.ThrowsAsync<ReportSigningException>(() => credentials.ImportAsync(user, pkcs12, "guess"));
        Assert.Equal("The file is not a PKCS#12 file, or the password is wrong.", wrong.Message);
        var noKey = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(issued.RawData) }.Export(X509ContentType.Pkcs12, "p")!;
        Assert.Equal("The PKCS#12 file holds no private key.", (await Assert.ThrowsAsync<ReportSigningException>(() => credentials.ImportAsync(user, noKey, "p"))).Message);
        Assert.Equal("The file is not a PKCS#12 file, or the password is wrong.",
            (await Assert.ThrowsAsync<ReportSigningException>(() => credentials.ImportAsync(user, "not a pkcs12 file"u8.ToArray(), "p"))).Message);

        using var colleagues = CertificateAuthority.IssueSigningCertificate(hospitalRoot, "Dr Paul Roche", "CHU Test", "paul.roche@test.example", now.AddDays(-1));
        var refused = await Assert.ThrowsAsync<ReportSigningException>(() => credentials.ImportAsync(user, colleagues.Export(X509ContentType.Pkcs12, "p")!, "p"));
        Assert.Equal("The certificate names Dr Paul Roche (paul.roche@test.example), not you (Dr Anne Moreau, anne.moreau@test.example): "
            + "reports must be signed with your own certificate.", refused.Message);
        await credentials.IdentityForAsync(user); // a TeleDerm certificate first; the import replaces it
        var imported = await credentials.ImportAsync(user, pkcs12, "hospital-password");
        Assert.Equal(SigningCredentialSource.ImportedPkcs12, imported.Source);
        var identity = await credentials.IdentityForAsync(user);
        Assert.Equal(issued.Thumbprint, identity.Certificate.Thumbprint);

        using var document = ReportComposer.Compose(Content());
        var pdf = PadesSigner.Sign(document, identity, now.UtcDateTime);
        var result = ReportVerifier.Verify(pdf, [X509CertificateLoader.LoadCertificate(hospitalRoot.RawData)]);
        Assert.True(result.IsValid, result.Signatures.FirstOrDefault()?.Problem);
        Assert.Contains("CN=CHU Test Root", result.Signatures[0].IssuerSubject);

        // A certificate naming the dermatologist by e-mail only (another spelling of the name) is theirs.
        using var byEmail = CertificateAuthority.IssueSigningCertificate(hospitalRoot, "A. MOREAU", "CHU Test", "Anne.Moreau@test.example", now.AddDays(-1));
        Assert.Equal(SigningCredentialSource.ImportedPkcs12, (await credentials.ImportAsync(user, byEmail.Export(X509ContentType.Pkcs12, "p")!, "p")).Source);
    }

    private static ReportContent Content() => new()
    {
        Header = new ReportHeader("CHU Test", []),
        Language = ReportLanguage.French,
        ReportNumber = "TD-TEST-R1",
        Patient = new ReportPatient("DURAND Élise", "P-1", new DateOnly(1961, 4, 2), "F"),
        Request = new ReportRequest("TD-TEST", DateTime.UtcNow.AddDays(-1), null),
        GeneralPractitioner = new ReportPerson("Dr Paul Girard", ""),
        Dermatologist = new ReportPerson("Dr Anne Moreau", ""),
        Conclusion = new ReportConclusion("L82", "Kératose séborrhéique", ReportConfidence.High, ReportManagement.Reassure, null,
            "Lésion bénigne.", null, DateTime.UtcNow),
    };
}

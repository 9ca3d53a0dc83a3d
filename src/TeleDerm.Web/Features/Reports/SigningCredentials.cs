using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Reports.Certificates;
using TeleDerm.Reports.Signing;

namespace TeleDerm.Web.Features.Reports;

/// <summary>
/// Each dermatologist's signing certificate: issued by <see cref="ReportAuthority"/> on first signing, or
/// imported from the hospital's PKI as PKCS#12 (which then becomes the active one). Keys are stored only
/// protected (Data Protection); a key is unprotected in memory for one signature.
/// </summary>
public sealed class SigningCredentials(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IDataProtectionProvider protection,
    ReportAuthority authority,
    TimeProvider clock)
{
    private const string Purpose = "TeleDerm.Reports.SigningCredential";

    /// <summary>The user's active certificate with its key and chain; one from TeleDerm's authority if they have none.</summary>
    public async Task<SigningIdentity> IdentityForAsync(TeleDermUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var credential = await db.Set<SigningCredential>().AsNoTracking()
            .Where(c => c.UserId == user.Id && c.IsActive && c.NotAfterUtc > now)
            .OrderByDescending(c => c.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken)
            ?? await IssueAsync(user, cancellationToken);
        return await ToIdentityAsync(credential, cancellationToken);
    }

    /// <summary>The certificate the user signs with now, if any (without its key).</summary>
    public async Task<SigningCredential?> CurrentAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<SigningCredential>().AsNoTracking()
            .Where(c => c.UserId == userId && c.IsActive && c.NotAfterUtc > now)
            .OrderByDescending(c => c.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<SigningCredential> IssueAsync(TeleDermUser user, CancellationToken cancellationToken)
    {
        var ca = await authority.GetAsync(cancellationToken);
        using var certificate = CertificateAuthority.IssueSigningCertificate(ca, user.DisplayName, "TeleDerm", user.Email, clock.GetUtcNow());
        return await StoreAsync(user.Id, certificate, SigningCredentialSource.TeleDermAuthority, cancellationToken);
    }

    /// <summary>
    /// Imports a PKCS#12 file from the hospital's PKI. Refused with a reason when the password is wrong, the
    /// file holds no private key, the certificate is expired, not meant for signatures, or names someone else.
    /// </summary>
    public async Task<SigningCredential> ImportAsync(TeleDermUser user, byte[] pkcs12, string password, CancellationToken cancellationToken = default)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException)
        {
            throw new ReportSigningException("NotPkcs12", "The file is not a PKCS#12 file, or the password is wrong.");
        }
        var signer = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new ReportSigningException("NoPrivateKey", "The PKCS#12 file holds no private key.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (signer.NotAfter.ToUniversalTime() <= now || signer.NotBefore.ToUniversalTime() > now)
            throw new ReportSigningException("NotValidToday", $"The certificate is valid from {signer.NotBefore:yyyy-MM-dd} to {signer.NotAfter:yyyy-MM-dd}, not today.",
                DateOnly.FromDateTime(signer.NotBefore), DateOnly.FromDateTime(signer.NotAfter));
        if (signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            throw new ReportSigningException("NotForSignatures", "The certificate is not meant for signatures (key usage has neither digitalSignature nor nonRepudiation).");
        if (signer.GetKeyAlgorithm() is not ("1.2.840.10045.2.1" or "1.2.840.113549.1.1.1")) // id-ecPublicKey, rsaEncryption
            throw new ReportSigningException("UnsupportedKey", "The certificate's key is neither ECDSA nor RSA: reports can be signed with these two kinds of keys only.");
        if (!CertificateHolder.Names(signer, user.Email, user.DisplayName))
        {
            var named = signer.GetNameInfo(X509NameType.SimpleName, false)
                + (signer.GetNameInfo(X509NameType.EmailName, false) is { Length: > 0 } e ? $" ({e})" : "");
            throw new ReportSigningException("SomeoneElse", $"The certificate names {named}, not you ({user.DisplayName}, {user.Email}): "
                + "reports must be signed with your own certificate.", named, user.DisplayName, user.Email ?? "");
        }
        // The chain travels with the key so verifiers can build it to the hospital's root.
        var chain = new X509Certificate2Collection(signer);
        chain.AddRange(all.Where(c => !c.HasPrivateKey).ToArray());
        return await StoreAsync(user.Id, signer, SigningCredentialSource.ImportedPkcs12, cancellationToken, chain);
    }

    private async Task<SigningCredential> StoreAsync(string userId, X509Certificate2 certificate, SigningCredentialSource source,
        CancellationToken cancellationToken, X509Certificate2Collection? chain = null)
    {
        var pkcs12 = (chain ?? [certificate]).Export(X509ContentType.Pkcs12)!;
        var credential = new SigningCredential
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Source = source,
            Certificate = certificate.RawData,
            ProtectedPkcs12 = protection.CreateProtector(Purpose).Protect(pkcs12),
            Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256),
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            NotAfterUtc = certificate.NotAfter.ToUniversalTime(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            IsActive = true,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<SigningCredential>().Where(c => c.UserId == userId && c.IsActive)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false), cancellationToken);
        db.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        return credential;
    }

    private async Task<SigningIdentity> ToIdentityAsync(SigningCredential credential, CancellationToken cancellationToken)
    {
        var pkcs12 = protection.CreateProtector(Purpose).Unprotect(credential.ProtectedPkcs12);
        var all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password: null);
        var signer = all.First(c => c.HasPrivateKey);
        var chain = all.Where(c => !c.HasPrivateKey).ToList();
        if (credential.Source == SigningCredentialSource.TeleDermAuthority)
            chain.Add(await authority.CertificateAsync(cancellationToken));
        return new SigningIdentity(signer, chain);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Core.Settings;

namespace TeleDerm.Core.Audit;

/// <summary>
/// The secret that keys the audit chain (HMAC-SHA256 instead of a bare SHA-256) and authenticates its
/// checkpoints. Whoever can write the database but not read the Data Protection key ring cannot compute a
/// valid entry, so rewriting entries and recomputing the chain no longer passes verification.
/// </summary>
public sealed class AuditSealKey
{
    private readonly byte[] secret;

    public AuditSealKey(byte[] secret)
    {
        this.secret = secret;
        Id = "k" + Convert.ToHexStringLower(SHA256.HashData(secret))[..8];
    }

    /// <summary>Stored with each sealed entry: names the key without revealing it.</summary>
    public string Id { get; }

    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// Where the seal key lives: a random 32-byte secret, encrypted by the Data Protection key ring (itself encrypted
/// with the hospital's certificate), in the shared settings table so every app instance uses the same one.
/// </summary>
public static class AuditSealKeys
{
    public const string SettingKey = "audit.seal-key";
    private const string Purpose = "TeleDerm.Audit.SealKey.v1";

    public static AuditSealKey LoadOrCreate(IDbContextFactory<TeleDermDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
    {
        var protector = protection.CreateProtector(Purpose);
        using var db = dbFactory.CreateDbContext();
        if (db.Set<SystemSetting>().AsNoTracking().SingleOrDefault(s => s.Key == SettingKey) is { } stored)
        {
            return Unprotect(protector, stored.Value);
        }
        var secret = RandomNumberGenerator.GetBytes(32);
        db.Add(new SystemSetting { Key = SettingKey, Value = Convert.ToBase64String(protector.Protect(secret)), UpdatedAtUtc = clock.GetUtcNow().UtcDateTime });
        try
        {
            db.SaveChanges();
            return new AuditSealKey(secret);
        }
        catch (DbUpdateException)
        {
            // Another instance created it first: use theirs.
            using var fresh = dbFactory.CreateDbContext();
            var theirs = fresh.Set<SystemSetting>().AsNoTracking().Single(s => s.Key == SettingKey);
            return Unprotect(protector, theirs.Value);
        }
    }

    private static AuditSealKey Unprotect(IDataProtector protector, string stored)
    {
        try
        {
            return new AuditSealKey(protector.Unprotect(Convert.FromBase64String(stored)));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException("The audit seal key in the database cannot be decrypted with this server's Data Protection key ring: "
                + "every app instance on one database must share the key ring (the data folder's keys/) and its certificate (TeleDerm:Security:KeyRingCertificatePath).", e);
        }
    }
}

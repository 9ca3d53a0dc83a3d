using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Administration;

public sealed record PracticeApiKeyRow(Guid Id, string PracticeName, string Name, string Prefix, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

/// <summary>
/// API keys of practices: created by administrators (the whole key is shown once), revoked, and checked on
/// every intake API call. A key reads "tdk_" + 8 characters of prefix + "_" + 43 characters of secret.
/// Creating, revoking and listing first check that <c>admin</c> is still an administrator.
/// </summary>
public sealed class PracticeApiKeys(IDbContextFactory<TeleDermDbContext> dbFactory, Administrators administrators, IAuditTrail audit, TimeProvider clock)
{
    private const string Scheme = "tdk_";
    private const string PrefixAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    // Writing "last used" on every call would make each API call a write; once a minute is enough to read it.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(PracticeApiKey Key, string Secret)> CreateAsync(Actor admin, Guid practiceId, string name)
    {
        await administrators.RequireAsync(admin, "create an API key");
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new AdministrationException("ApiKeyName", "Name the key (1 to 200 characters): what software, which computer.", 200);
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Practices.AnyAsync(p => p.Id == practiceId))
        {
            throw new AdministrationException("PracticeGone", "This practice no longer exists.");
        }
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, 8);
        var secret = $"{Scheme}{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var key = new PracticeApiKey
        {
            Id = Guid.NewGuid(), PracticeId = practiceId, Name = name, Prefix = prefix, SecretHash = Hash(secret),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedByUserId = admin.UserId,
        };
        db.Add(key);
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, AuditActions.ApiKeyCreated, recordType: "api-key", recordId: key.Id.ToString(), details: $"{prefix} for practice {practiceId}: {name}");
        return (key, secret);
    }

    public async Task<bool> RevokeAsync(Actor admin, Guid keyId)
    {
        await administrators.RequireAsync(admin, "revoke an API key");
        await using var db = await dbFactory.CreateDbContextAsync();
        var key = await db.Set<PracticeApiKey>().SingleOrDefaultAsync(k => k.Id == keyId);
        if (key is null || !key.IsActive)
        {
            return false;
        }
        key.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, AuditActions.ApiKeyRevoked, recordType: "api-key", recordId: key.Id.ToString(), details: key.Prefix);
        return true;
    }

    public async Task<List<PracticeApiKeyRow>> ListAsync(Actor admin)
    {
        await administrators.RequireAsync(admin, "list API keys");
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Set<PracticeApiKey>()
            .Select(k => new PracticeApiKeyRow(k.Id, k.Practice!.Name, k.Name, k.Prefix, k.CreatedAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc))
            .ToListAsync();
        return [.. rows.OrderBy(r => r.RevokedAtUtc is not null).ThenBy(r => r.PracticeName).ThenByDescending(r => r.CreatedAtUtc)];
    }

    /// <summary>The active key this secret is, or null. Compares hashes in constant time.</summary>
    public async Task<PracticeApiKey?> FindActiveAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!TryPrefix(presented, out var prefix))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.Set<PracticeApiKey>().SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        // A disabled practice's keys stop at once, without revoking each (enabling the practice again restores them).
        var practiceActive = key is not null && await db.Practices.AnyAsync(p => p.Id == key.PracticeId && p.DisabledAtUtc == null, cancellationToken);
        if (key is null || !key.IsActive || !practiceActive || !CryptographicOperations.FixedTimeEquals(key.SecretHash, Hash(presented)))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAtUtc is not { } last || now - last >= LastUsedResolution)
        {
            key.LastUsedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return key;
    }

    private static bool TryPrefix(string presented, out string prefix)
    {
        prefix = "";
        if (presented.Length != Scheme.Length + 8 + 1 + 43 || !presented.StartsWith(Scheme, StringComparison.Ordinal) || presented[Scheme.Length + 8] != '_')
        {
            return false;
        }
        prefix = presented.Substring(Scheme.Length, 8);
        return true;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

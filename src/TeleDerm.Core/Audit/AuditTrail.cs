using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Audit;

/// <summary>
/// Appends entries to the hash chain, sealed with the key when one is configured (the web host always does). Writers in this process take turns through a semaphore; writers in
/// other processes (several app instances on one PostgreSQL) collide on the sequence primary key, and
/// the loser reads the new tail and tries again.
/// </summary>
public sealed class AuditTrail(
    IDbContextFactory<TeleDermDbContext> contextFactory,
    TimeProvider clock,
    ILogger<AuditTrail> logger,
    AuditSealKey? seal = null) : IAuditTrail
{
    private const int MaxAttempts = 10;
    private static readonly SemaphoreSlim AppendLock = new(1, 1);

    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await AppendLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var tail = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(cancellationToken);
                var entry = new AuditEntry
                {
                    Sequence = (tail?.Sequence ?? 0) + 1,
                    AtUtc = AuditHash.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
                    UserId = auditEvent.UserId,
                    UserName = Truncate(auditEvent.UserName, 256),
                    Action = auditEvent.Action,
                    Outcome = auditEvent.Outcome,
                    RecordType = auditEvent.RecordType,
                    RecordId = auditEvent.RecordId,
                    PatientId = auditEvent.PatientId,
                    IpAddress = auditEvent.IpAddress,
                    Details = Truncate(auditEvent.Details, 2000),
                    PreviousHash = tail?.Hash ?? AuditHash.Genesis,
                    KeyId = seal?.Id,
                };
                entry.Hash = AuditHash.Compute(entry, seal);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return entry;
                }
                catch (DbUpdateException ex) when (attempt < MaxAttempts)
                {
                    logger.LogDebug(ex, "Audit entry {Sequence} was taken by another writer; retrying", entry.Sequence);
                }
            }
        }
        finally
        {
            AppendLock.Release();
        }
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}

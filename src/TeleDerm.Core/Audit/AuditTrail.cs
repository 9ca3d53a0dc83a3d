using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Audit;

/// <summary>
/// Appends entries to the hash chain, sealed with the key when one is configured (the web host always does). Writers in this process take turns through a semaphore; writers in
/// other processes (several app instances on one PostgreSQL) collide on the sequence primary key, and
/// the loser reads the new tail and tries again. A change and its entry can share one transaction
/// (<see cref="BeginTransactionAsync"/>), which holds this process's turn until it ends.
/// </summary>
public sealed class AuditTrail(
    IDbContextFactory<TeleDermDbContext> contextFactory,
    TimeProvider clock,
    ILogger<AuditTrail> logger,
    AuditSealKey? seal = null) : IAuditTrail
{
    // Each lost race means another writer got in: with two instances appending flat out, ten losses in a row were
    // possible; fifty, with a short random pause after each, are not.
    private const int MaxAttempts = 50;
    // One per trail, hence per app instance (the trail is a singleton): writers of one instance take turns here.
    private readonly SemaphoreSlim AppendLock = new(1, 1);

    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await AppendLock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var entry = await AddAfterTailAsync(db, auditEvent, cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return entry;
                }
                catch (DbUpdateException ex) when (attempt < MaxAttempts)
                {
                    logger.LogDebug(ex, "Audit entry {Sequence} was taken by another writer; retrying", entry.Sequence);
                    await PauseAfterLostRaceAsync(cancellationToken);
                }
            }
        }
        finally
        {
            AppendLock.Release();
        }
    }

    public async Task<AuditedTransaction> BeginTransactionAsync(TeleDermDbContext db, CancellationToken cancellationToken = default)
    {
        // The writers' turn is taken before the transaction writes anything and held until it ends: always the turn
        // first, then the database's locks, as AppendAsync does. Taken after, a writer holding the turn would wait on
        // SQLite's write lock held by this transaction while it waited for the turn.
        await AppendLock.WaitAsync(cancellationToken);
        try
        {
            return new AuditedTransaction(db, await db.Database.BeginTransactionAsync(cancellationToken), this, () => AppendLock.Release());
        }
        catch
        {
            AppendLock.Release();
            throw;
        }
    }

    /// <summary>Appends inside the caller's transaction, the writers' turn already held (<see cref="AuditedTransaction"/>).</summary>
    internal async Task<AuditEntry> AppendInTransactionAsync(TeleDermDbContext db, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entry = await AddAfterTailAsync(db, auditEvent, cancellationToken);
            try
            {
                // Inside a transaction EF Core saves behind a savepoint and goes back to it on failure, so the
                // transaction (and the change it holds) survives a race for the sequence lost to another instance.
                await db.SaveChangesAsync(cancellationToken);
                return entry;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                db.Entry(entry).State = EntityState.Detached;
                logger.LogDebug(ex, "Audit entry {Sequence} was taken by another writer; retrying", entry.Sequence);
                await PauseAfterLostRaceAsync(cancellationToken);
            }
        }
    }

    /// <summary>A few milliseconds, at random, so that two writers that collided do not read the tail in step again.</summary>
    private static Task PauseAfterLostRaceAsync(CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(1, 6), cancellationToken);

    /// <summary>The next entry of the chain as this context sees its tail, added to the context (not saved).</summary>
    private async Task<AuditEntry> AddAfterTailAsync(TeleDermDbContext db, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
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
        return entry;
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}

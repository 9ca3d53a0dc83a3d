using Microsoft.EntityFrameworkCore.Storage;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Audit;

/// <summary>
/// A database transaction whose audit entries commit with it (<see cref="IAuditTrail.BeginTransactionAsync"/>). Holds
/// this process's turn to write the trail until it is disposed: keep it to the writes it protects.
/// </summary>
public sealed class AuditedTransaction : IAsyncDisposable
{
    private readonly TeleDermDbContext db;
    private readonly IDbContextTransaction transaction;
    private readonly AuditTrail trail;
    private Action? releaseTurn;

    internal AuditedTransaction(TeleDermDbContext db, IDbContextTransaction transaction, AuditTrail trail, Action releaseTurn)
    {
        this.db = db;
        this.transaction = transaction;
        this.trail = trail;
        this.releaseTurn = releaseTurn;
    }

    /// <summary>Adds the entry to the trail inside this transaction (saved now, visible to others once committed).</summary>
    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        trail.AppendInTransactionAsync(db, auditEvent, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    /// <summary>Rolls back what was not committed, then gives the turn back.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref releaseTurn, null)?.Invoke();
        }
    }
}

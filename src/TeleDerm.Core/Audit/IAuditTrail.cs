namespace TeleDerm.Core.Audit;

/// <summary>Records security and data events. Appending never throws for a caller's business error: it is the record of it.</summary>
public interface IAuditTrail
{
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a transaction on <paramref name="db"/> in which entries are appended with the change they record: both
    /// commit or neither does, so that no saved change is left without its line in the trail.
    /// </summary>
    Task<AuditedTransaction> BeginTransactionAsync(Data.TeleDermDbContext db, CancellationToken cancellationToken = default);
}

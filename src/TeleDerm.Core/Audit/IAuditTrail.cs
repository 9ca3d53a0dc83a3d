namespace TeleDerm.Core.Audit;

/// <summary>Records security and data events. Appending never throws for a caller's business error: it is the record of it.</summary>
public interface IAuditTrail
{
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

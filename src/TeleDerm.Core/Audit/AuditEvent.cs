namespace TeleDerm.Core.Audit;

/// <summary>What a caller wants recorded; the trail adds sequence, time and hashes.</summary>
public sealed record AuditEvent(
    string Action,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? UserId = null,
    string? UserName = null,
    string? RecordType = null,
    string? RecordId = null,
    string? PatientId = null,
    string? IpAddress = null,
    string? Details = null);

namespace TeleDerm.Core.Audit;

/// <summary>
/// One line of the append-only audit trail. <see cref="Hash"/> covers every other field including
/// <see cref="PreviousHash"/>, so deleting, inserting or altering an entry breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3, ... without gaps; the primary key, so two writers cannot both append entry n.</summary>
    public long Sequence { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public AuditOutcome Outcome { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public string? PatientId { get; set; }
    public string? IpAddress { get; set; }
    public string? Details { get; set; }
    public string PreviousHash { get; set; } = "";
    /// <summary>The seal key whose HMAC <see cref="Hash"/> is (see <see cref="AuditSealKey"/>); null for entries written before sealing.</summary>
    public string? KeyId { get; set; }
    public string Hash { get; set; } = "";
}

public enum AuditOutcome
{
    Success = 0,
    Failure = 1,
    Denied = 2,
}

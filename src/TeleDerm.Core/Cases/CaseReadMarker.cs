namespace TeleDerm.Core.Cases;

/// <summary>When a person last looked at a case: what lets "My cases" show what changed since.</summary>
public class CaseReadMarker
{
    public Guid CaseId { get; set; }
    public string UserId { get; set; } = "";
    public DateTime LastViewedAtUtc { get; set; }
}

using TeleDerm.Core.Accounts;

namespace TeleDerm.Core.Audit;

/// <summary>Records what an <see cref="Actor"/> did: the trail's event with their account, name and address filled in.</summary>
public static class ActorAudit
{
    public static Task<AuditEntry> RecordAsync(this IAuditTrail trail, Actor actor, string action, AuditOutcome outcome = AuditOutcome.Success,
        string? recordType = null, string? recordId = null, string? details = null, string? patientId = null,
        CancellationToken cancellationToken = default) =>
        trail.AppendAsync(new AuditEvent(
            Action: action,
            Outcome: outcome,
            UserId: actor.IsSignedIn ? actor.UserId : null,
            UserName: actor.IsSignedIn ? actor.UserName : null,
            RecordType: recordType,
            RecordId: recordId,
            PatientId: patientId,
            IpAddress: actor.IpAddress,
            Details: details), cancellationToken);
}

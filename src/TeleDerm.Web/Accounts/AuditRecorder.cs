using TeleDerm.Core.Audit;

namespace TeleDerm.Web.Accounts;

/// <summary>Records an audit event for the current <see cref="Actor"/>.</summary>
public sealed class AuditRecorder(IAuditTrail trail, Actor actor)
{
    public Task RecordAsync(string action, AuditOutcome outcome = AuditOutcome.Success,
        string? recordType = null, string? recordId = null, string? details = null,
        string? userId = null, string? userName = null, string? patientId = null) =>
        trail.AppendAsync(new AuditEvent(
            Action: action,
            Outcome: outcome,
            UserId: userId ?? actor.UserId,
            UserName: userName ?? actor.UserName,
            RecordType: recordType,
            RecordId: recordId,
            PatientId: patientId,
            IpAddress: actor.IpAddress,
            Details: details));
}

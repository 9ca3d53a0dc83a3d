using TeleDerm.Core.Audit;

namespace TeleDerm.Web.Accounts;

/// <summary>Records an audit event for the current <see cref="CurrentActor"/> (nobody: no user, as on a failed sign-in).</summary>
public sealed class AuditRecorder(IAuditTrail trail, CurrentActor current)
{
    public Task RecordAsync(string action, AuditOutcome outcome = AuditOutcome.Success,
        string? recordType = null, string? recordId = null, string? details = null,
        string? userId = null, string? userName = null, string? patientId = null) =>
        trail.AppendAsync(new AuditEvent(
            Action: action,
            Outcome: outcome,
            UserId: userId ?? (current.Actor.IsSignedIn ? current.Actor.UserId : null),
            UserName: userName ?? (current.Actor.IsSignedIn ? current.Actor.UserName : null),
            RecordType: recordType,
            RecordId: recordId,
            PatientId: patientId,
            IpAddress: current.IpAddress,
            Details: details));
}

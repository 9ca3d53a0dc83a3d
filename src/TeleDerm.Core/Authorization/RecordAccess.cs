using TeleDerm.Core.Accounts;

namespace TeleDerm.Core.Authorization;

/// <summary>Who owns a patient record: the GP who submitted it and the department it was sent to.</summary>
public interface IOwnedRecord
{
    string SubmittedByUserId { get; }
    Guid DepartmentId { get; }
}

/// <summary>Claims TeleDerm adds to a signed-in user (see the claims principal factory in the web host).</summary>
public static class TeleDermClaims
{
    public const string DepartmentId = "teleDerm:department";
    public const string PracticeId = "teleDerm:practice";
    /// <summary>"exempt" when policy does not require two-factor for this user's role.</summary>
    public const string TwoFactor = "teleDerm:2fa";
    public const string TwoFactorExempt = "exempt";
}

/// <summary>
/// The record-level rule behind every patient record: a GP sees only the records they submitted; a
/// dermatologist or department head only those of their own department; an administrator manages
/// accounts and sees no patient data.
/// </summary>
public static class RecordAccess
{
    public static bool CanView(Actor actor, IOwnedRecord record) => actor.Role switch
    {
        _ when !actor.IsSignedIn => false,
        Roles.GP => actor.UserId == record.SubmittedByUserId,
        Roles.Dermatologist or Roles.DepartmentHead => actor.DepartmentId == record.DepartmentId,
        _ => false,
    };
}

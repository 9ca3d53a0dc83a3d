using Microsoft.AspNetCore.Identity;

namespace TeleDerm.Core.Accounts;

/// <summary>A person who signs in to TeleDerm: a GP, a dermatologist, a department head or an administrator.</summary>
public class TeleDermUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The clinician's professional registration number (RPPS in France, GMC number in the UK...), printed
    /// beside their name on the reports they sign. Set by the clinician or an administrator.
    /// </summary>
    public string? RegistrationNumber { get; set; }

    /// <summary>"en" or "fr": the language of every screen and of the reports this user receives.</summary>
    public string PreferredCulture { get; set; } = "en";

    /// <summary>"light" or "dark".</summary>
    public string PreferredTheme { get; set; } = "light";

    public Guid? DepartmentId { get; set; }
    public Department? Department { get; set; }

    public Guid? PracticeId { get; set; }
    public Practice? Practice { get; set; }

    /// <summary>A disabled account cannot sign in; its open sessions end at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The last TOTP time step accepted for this user, so that a code is never accepted twice (RFC 6238 §5.2).</summary>
    public long LastTotpTimeStep { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The password was given to this person by someone else (a demo account's one-time password): they
    /// choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }
}

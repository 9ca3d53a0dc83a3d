using System.Security.Claims;
using TeleDerm.Core.Authorization;

namespace TeleDerm.Core.Accounts;

/// <summary>
/// Who is acting, and from where: the one type every query and command of the domain takes. The web host builds
/// it once per HTTP request or interactive circuit from the session's claims (and replaces it with
/// <see cref="Nobody"/> when the session is revoked); the intake API builds it from a practice key. Commands
/// still re-read the account's current rights (<see cref="AccountStanding"/>): this says who claims to act.
/// </summary>
/// <param name="UserId">The account's identifier; empty for nobody.</param>
/// <param name="UserName">The sign-in name, for the audit trail.</param>
/// <param name="Role">One of <see cref="Roles"/> (each account has exactly one); empty for nobody.</param>
/// <param name="DepartmentId">The department of a dermatologist or department head, or the department a GP's requests go to.</param>
/// <param name="PracticeId">The practice of a GP.</param>
/// <param name="IpAddress">Where the request came from, for the audit trail.</param>
public sealed record Actor(string UserId, string UserName, string Role, Guid? DepartmentId, Guid? PracticeId, string? IpAddress)
{
    /// <summary>No one signed in: every rule refuses them.</summary>
    public static readonly Actor Nobody = new("", "", "", null, null, null);

    public bool IsSignedIn => UserId.Length > 0;

    public bool IsInRole(string role) => IsSignedIn && Role == role;

    /// <summary>The signed-in person as the session's claims describe them (the claims the web host's principal factory adds).</summary>
    public static Actor FromClaims(ClaimsPrincipal user, string? ipAddress)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Nobody with { IpAddress = ipAddress };
        }
        return new Actor(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.Identity.Name ?? "",
            Roles.All.FirstOrDefault(user.IsInRole) ?? "",
            Guid.TryParse(user.FindFirstValue(TeleDermClaims.DepartmentId), out var department) ? department : null,
            Guid.TryParse(user.FindFirstValue(TeleDermClaims.PracticeId), out var practice) ? practice : null,
            ipAddress);
    }
}

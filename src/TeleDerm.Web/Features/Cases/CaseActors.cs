using System.Security.Claims;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Features.Cases;

public static class CaseActors
{
    /// <summary>The signed-in person as the case commands see them.</summary>
    public static CaseActor From(Actor actor)
    {
        var user = actor.User;
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        Guid? department = Guid.TryParse(user.FindFirstValue(TeleDermClaims.DepartmentId), out var d) ? d : null;
        return new CaseActor(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.Identity?.Name ?? "", role, department, actor.IpAddress);
    }
}

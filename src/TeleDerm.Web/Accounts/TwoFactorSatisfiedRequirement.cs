using Microsoft.AspNetCore.Authorization;
using TeleDerm.Core.Authorization;

namespace TeleDerm.Web.Accounts;

/// <summary>Met when this session's sign-in included a second factor ("amr" = "mfa"), or the user's role is exempt.</summary>
public sealed class TwoFactorSatisfiedRequirement : IAuthorizationRequirement, IAuthorizationHandler
{
    public const string AmrClaim = "amr";
    public const string MultiFactor = "mfa";

    public static bool IsSatisfiedBy(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(AmrClaim, MultiFactor) || user.HasClaim(TeleDermClaims.TwoFactor, TeleDermClaims.TwoFactorExempt);

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && IsSatisfiedBy(context.User))
        {
            context.Succeed(this);
        }
        return Task.CompletedTask;
    }
}

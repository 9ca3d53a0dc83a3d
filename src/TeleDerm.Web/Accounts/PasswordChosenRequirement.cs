using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Met unless the account still has a password someone else chose (<see cref="Core.Accounts.TeleDermUser.MustChangePassword"/>):
/// such a session reaches the change-password page and nothing else, so a printed one-time password never stays in use.
/// </summary>
public sealed class PasswordChosenRequirement : IAuthorizationRequirement, IAuthorizationHandler
{
    public const string MustChangeClaim = "teleDerm:must-change-password";
    public const string ChangePasswordPath = "/account/change-password";

    public static bool IsSatisfiedBy(ClaimsPrincipal user) => !user.HasClaim(c => c.Type == MustChangeClaim);

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && IsSatisfiedBy(context.User))
        {
            context.Succeed(this);
        }
        return Task.CompletedTask;
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// A session is only as good as the account behind it now. Every request with a sign-in cookie, and every
/// event of an interactive page, compares the session's security stamp with the account's: disabling,
/// demoting, moving, resetting two-factor, disabling the practice or signing out renews the stamp, so the
/// next request or click of any session of that person is refused, not a minute later.
/// </summary>
public sealed class SessionValidation(IDbContextFactory<TeleDermDbContext> dbFactory, IOptions<IdentityOptions> identityOptions)
{
    /// <summary>True while the account exists, is active and carries the stamp the session was issued with.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Matches(principal, await AccountStanding.ReadAsync(db, userId, cancellationToken));
    }

    /// <summary>The same check against an account already read (the open pages' periodic re-check reads them together).</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, BatchedAccountStandings standings)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is not null && Matches(principal, await standings.ReadAsync(userId));
    }

    private bool Matches(ClaimsPrincipal principal, AccountStanding? standing)
    {
        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return standing is { IsActive: true } && stamp is not null && standing.SecurityStamp == stamp;
    }

    /// <summary>The cookie's OnValidatePrincipal: refuse a stale session, then let Identity refresh a current one's claims.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidation>();
        if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

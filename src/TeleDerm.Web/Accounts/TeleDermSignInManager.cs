using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Web.Accounts;

/// <summary>Identity's sign-in manager, refusing disabled accounts (reported as "not allowed").</summary>
public sealed class TeleDermSignInManager(
    UserManager<TeleDermUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<TeleDermUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<TeleDermUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TeleDermUser> confirmation)
    : SignInManager<TeleDermUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(TeleDermUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Accounts;

/// <summary>Adds department, practice, display name and the two-factor exemption to the sign-in cookie's identity.</summary>
public sealed class TeleDermClaimsPrincipalFactory(
    UserManager<TeleDermUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> identityOptions,
    IOptions<TeleDermOptions> teleDermOptions)
    : UserClaimsPrincipalFactory<TeleDermUser, IdentityRole>(userManager, roleManager, identityOptions)
{
    public const string DisplayNameClaim = "teleDerm:display-name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TeleDermUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(TeleDermClaims.DepartmentId, department.ToString()));
        }
        if (user.PracticeId is { } practice)
        {
            identity.AddClaim(new Claim(TeleDermClaims.PracticeId, practice.ToString()));
        }
        var isGp = await UserManager.IsInRoleAsync(user, Roles.GP);
        if (isGp && !teleDermOptions.Value.Security.RequireTwoFactorForGPs)
        {
            identity.AddClaim(new Claim(TeleDermClaims.TwoFactor, TeleDermClaims.TwoFactorExempt));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChosenRequirement.MustChangeClaim, "true"));
        }
        identity.AddClaim(new Claim("teleDerm:culture", user.PreferredCulture ?? CultureInfo.CurrentCulture.TwoLetterISOLanguageName));
        return identity;
    }
}

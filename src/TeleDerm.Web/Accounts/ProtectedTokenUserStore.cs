using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Identity's store with the second factor's secrets encrypted at rest: the authenticator key and the recovery
/// codes (Identity keeps both as user tokens, in clear) go through Data Protection, so a copy of the database
/// yields neither a working authenticator nor a recovery code. Values written before are read as they are and
/// encrypted at their next change.
/// </summary>
public sealed class ProtectedTokenUserStore(TeleDermDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<TeleDermUser, IdentityRole, TeleDermDbContext>(context, describer)
{
    private const string Prefix = "dp1:";
    // Identity's own login provider name for the tokens it keeps for itself (authenticator key, recovery codes).
    private const string IdentityProvider = "[AspNetUserStore]";
    private readonly IDataProtector protector = protection.CreateProtector("TeleDerm.Accounts.SecondFactorSecrets.v1");

    public override Task SetTokenAsync(TeleDermUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, loginProvider == IdentityProvider && value is not null ? Prefix + protector.Protect(value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(TeleDermUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) ? protector.Unprotect(stored[Prefix.Length..]) : stored;
    }
}

using Microsoft.AspNetCore.Identity;

namespace TeleDerm.Core.Accounts;

/// <summary>
/// The authenticator (TOTP) token provider used for two-factor sign-in and enrolment. Unlike Identity's
/// default it refuses a code whose time step is not newer than the last accepted one, so a code seen
/// over someone's shoulder cannot be replayed within its 90-second window.
/// </summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<TeleDermUser>
{
    public const string ProviderName = "TeleDermAuthenticator";

    public Task<string> GenerateAsync(string purpose, UserManager<TeleDermUser> manager, TeleDermUser user) =>
        Task.FromResult(string.Empty); // Codes come from the user's authenticator app, never from us.

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TeleDermUser> manager, TeleDermUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }
        var step = Totp.MatchTimeStep(Base32.Decode(key), token, clock.GetUtcNow());
        if (step is null || step.Value <= user.LastTotpTimeStep)
        {
            return false;
        }
        user.LastTotpTimeStep = step.Value;
        var saved = await manager.UpdateAsync(user);
        return saved.Succeeded;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TeleDermUser> manager, TeleDermUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
}

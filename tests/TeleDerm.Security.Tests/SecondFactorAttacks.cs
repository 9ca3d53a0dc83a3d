using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 4 of the penetration test: the second factor's secrets. A copy of the database holds neither the
/// authenticator key nor a recovery code, and a session left open shows neither the key nor new codes
/// unless the password (or a current code) is typed again.
/// </summary>
public sealed partial class SecondFactorAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    [Fact]
    public async Task The_database_holds_no_authenticator_key_nor_recovery_code_in_clear()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(account.Id))!, 10))!.ToList();

        var stored = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().UserTokens.AsNoTracking()
            .Where(t => t.UserId == account.Id).Select(t => t.Value ?? "").ToListAsync();

        Assert.Equal(2, stored.Count);
        Assert.All(stored, value => Assert.DoesNotContain(account.AuthenticatorKey!, value, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, value => Assert.All(codes, code => Assert.DoesNotContain(code, value, StringComparison.Ordinal)));
        // The app still reads them: a recovery code is accepted once.
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync((await users.FindByIdAsync(account.Id))!, codes[0])).Succeeded);
    }

    [Fact]
    public async Task A_session_left_open_shows_no_authenticator_key_and_re_enrols_only_with_the_password()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (session, _) = await app.SignedInAsync(account);

        var (_, page) = await session.GetAsync("/account/two-factor/enroll");
        Assert.DoesNotContain("manual-key", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Spaced(account.AuthenticatorKey!), page, StringComparison.OrdinalIgnoreCase);

        var guessed = await session.SubmitAsync("/account/two-factor/enroll", "reenrol", new Dictionary<string, string> { ["Reenrol.Secret"] = "Not-the-password" });
        var guessedPage = await guessed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("manual-key", guessedPage, StringComparison.Ordinal);
        Assert.Contains("Password or code not accepted", guessedPage, StringComparison.Ordinal);

        var confirmed = await session.SubmitAsync("/account/two-factor/enroll", "reenrol", new Dictionary<string, string> { ["Reenrol.Secret"] = account.Password });
        var newKey = KeyPattern().Match(await confirmed.Content.ReadAsStringAsync());
        Assert.True(newKey.Success, "the new key is shown after the password");
        Assert.NotEqual(Spaced(account.AuthenticatorKey!), newKey.Groups[1].Value, StringComparer.OrdinalIgnoreCase);
        // This session survives its own security-stamp change.
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/worklist")).StatusCode);
    }

    private static string Spaced(string key) => string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    [GeneratedRegex("data-testid=\"manual-key\">([^<]*)<")]
    private static partial Regex KeyPattern();
}

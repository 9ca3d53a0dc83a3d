using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Testing;

/// <summary>A user created for a test, with what is needed to sign in as them.</summary>
public sealed record TestAccount(string Id, string Email, string Password, string Role, string? AuthenticatorKey);

/// <summary>Creates users straight through the app's own services, as an administrator's invitation would.</summary>
public static class TestAccounts
{
    public const string Password = "Correct-Horse-42";

    /// <summary>A new administrator, as the actor an administration command takes (they check that it is one).</summary>
    public static async Task<Actor> AdministratorAsync(IServiceProvider services, string? email = null)
    {
        var account = await CreateAsync(services, Roles.Admin, email: email);
        return new Actor(account.Id, account.Email, Roles.Admin, null, null, "127.0.0.1");
    }

    public static async Task<TestAccount> CreateAsync(IServiceProvider services, string role, bool enrolTwoFactor = true, string? email = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
        var department = await db.Departments.FirstOrDefaultAsync() ?? db.Departments.Add(new Department { Id = Guid.NewGuid(), Name = "Test dermatology" }).Entity;
        var practice = await db.Practices.FirstOrDefaultAsync() ?? db.Practices.Add(new Practice { Id = Guid.NewGuid(), Name = "Test practice" }).Entity;
        await db.SaveChangesAsync();

        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}@test.example";
        var user = new TeleDermUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = $"Test {role}",
            DepartmentId = Roles.BelongsToDepartment(role) ? department.Id : null,
            PracticeId = Roles.BelongsToPractice(role) ? practice.Id : null,
            CreatedAtUtc = DateTime.UtcNow,
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        string? key = null;
        if (enrolTwoFactor)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return new TestAccount(user.Id, email, Password, role, key);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>The account's preferred language (what it reads after signing in): "en" or "fr".</summary>
    public static async Task SetLanguageAsync(IServiceProvider services, string userId, string culture)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, culture));
    }
}

/// <summary>
/// Produces authenticator codes as a phone would, but never the same time step twice for one key: the app
/// refuses a reused code, and tests sign in faster than once every 30 seconds.
/// </summary>
public static class AuthenticatorCodes
{
    private static readonly Dictionary<string, long> LastStepByKey = [];

    public static string Next(string base32Key, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var current = Totp.TimeStepAt(now);
        lock (LastStepByKey)
        {
            // The current step, or the next one if it was used: the server accepts both even when a step
            // boundary passes during the request (it allows one step either side). Never the previous step,
            // which a boundary could push out of that window.
            var step = Math.Max(current, LastStepByKey.GetValueOrDefault(base32Key, long.MinValue) + 1);
            if (step > current + 1)
            {
                throw new InvalidOperationException("More than two sign-ins within 30 seconds for one account: advance the test clock.");
            }
            LastStepByKey[base32Key] = step;
            return Totp.Compute(Base32.Decode(base32Key), step);
        }
    }

    /// <summary>The code of the current step, whether or not it was used already.</summary>
    public static string Current(string base32Key, TimeProvider? clock = null) =>
        Totp.Compute(Base32.Decode(base32Key), Totp.TimeStepAt((clock ?? TimeProvider.System).GetUtcNow()));
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// On the first start of a demo installation (no user yet), creates one account per role with a random
/// one-time password and an enrolled authenticator, and prints both once to the console. Nothing is
/// hard-coded: a second installation gets other secrets.
/// </summary>
public sealed class DemoAccounts(TeleDermDbContext db, UserManager<TeleDermUser> users, TimeProvider clock)
{
    public const string DepartmentName = "Dermatology, Demo University Hospital";
    public const string PracticeName = "Demo Family Practice";

    private static readonly (string Role, string Email, string Name)[] Accounts =
    [
        (Roles.GP, "gp@demo.teleDerm.local", "Dr Claire Martin"),
        (Roles.Dermatologist, "dermatologist@demo.teleDerm.local", "Dr Hugo Bernard"),
        (Roles.DepartmentHead, "head@demo.teleDerm.local", "Pr Anne Lefèvre"),
        (Roles.Admin, "admin@demo.teleDerm.local", "Sam Admin"),
    ];

    public async Task CreateOnFirstStartAsync()
    {
        if (await db.Users.AnyAsync())
        {
            return;
        }
        var department = new Department { Id = Guid.NewGuid(), Name = DepartmentName };
        var practice = new Practice { Id = Guid.NewGuid(), Name = PracticeName };
        db.AddRange(department, practice);
        await db.SaveChangesAsync();

        var printed = new List<string>();
        foreach (var (role, email, name) in Accounts)
        {
            var password = RandomPassword();
            var user = new TeleDermUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                DepartmentId = Roles.BelongsToDepartment(role) ? department.Id : null,
                PracticeId = Roles.BelongsToPractice(role) ? practice.Id : null,
            };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, role));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            var secret = await users.GetAuthenticatorKeyAsync(user);
            printed.Add($"  {role,-15} {email,-36} {password,-22} {secret}");
        }

        Console.WriteLine();
        Console.WriteLine("TeleDerm demo accounts, shown once (add each TOTP secret to an authenticator app):");
        Console.WriteLine($"  {"role",-15} {"email",-36} {"one-time password",-22} TOTP secret (base32)");
        printed.ForEach(Console.WriteLine);
        Console.WriteLine();
    }

    private static string RandomPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16) + "-7a";

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Creating a demo account failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

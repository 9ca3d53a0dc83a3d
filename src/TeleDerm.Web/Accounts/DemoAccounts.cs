using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// On the first start of a demo installation (no user yet), creates one account per role with a random
/// one-time password (to be replaced at first sign-in) and an enrolled authenticator. Nothing is hard-coded: a
/// second installation gets other secrets. They are shown once: on the console of a development machine, and
/// in Production (where the console is usually collected into a log) in a file of the data folder that only
/// the operator's account can read, the console naming that file.
/// </summary>
public sealed class DemoAccounts(TeleDermDbContext db, UserManager<TeleDermUser> users, TimeProvider clock,
    IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<TeleDerm.Web.Hosting.TeleDermOptions> options)
{
    public const string CredentialsFileName = "demo-accounts.txt";

    /// <summary>
    /// Where the start-up note (Production: the file's path; Development: the credentials) is written: the console.
    /// A test gives its own writer rather than redirecting the whole process's console, which other tests share.
    /// </summary>
    public TextWriter Output { get; init; } = Console.Out;

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
                MustChangePassword = true,
            };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, role));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            var secret = await users.GetAuthenticatorKeyAsync(user);
            printed.Add($"  {role,-15} {email,-36} {password,-22} {secret}");
        }

        var text = string.Join(Environment.NewLine,
            ["TeleDerm demo accounts, shown once (add each TOTP secret to an authenticator app; each password must be replaced at first sign-in):",
             $"  {"role",-15} {"email",-36} {"one-time password",-22} TOTP secret (base32)", .. printed, ""]);
        if (environment.IsProduction())
        {
            var path = Path.Combine(options.Value.ResolveDataDirectory(), CredentialsFileName);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Created readable and writable by this account alone, never wider even for a moment.
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(path, create))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(text);
            }
            Output.WriteLine($"TeleDerm demo accounts: their one-time passwords and TOTP secrets are in {path} (readable by this account only). Delete it once read.");
            return;
        }
        Output.WriteLine();
        Output.WriteLine(text);
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

using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 6 (one-time passwords) and item 10 (demo credentials) of the penetration test: a password someone else
/// chose opens nothing but the page that replaces it, and demo credentials never reach a Production log.
/// </summary>
public sealed class OneTimePasswordAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    [Fact]
    public async Task A_one_time_password_opens_only_the_change_password_page_and_stops_working_once_replaced()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            (await db.Users.SingleAsync(u => u.Id == account.Id)).MustChangePassword = true;
            await db.SaveChangesAsync();
        }
        var (session, _) = await app.SignedInAsync(account);

        var worklist = await session.Client.GetAsync("/worklist");
        Assert.Equal(HttpStatusCode.Redirect, worklist.StatusCode);
        Assert.Equal(PasswordChosenRequirement.ChangePasswordPath, FormSession.Location(worklist));
        var same = await session.SubmitAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = account.Password, ["Input.Password"] = account.Password, ["Input.Confirm"] = account.Password,
        });
        Assert.Contains("Choose a password other than the one-time password.", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        const string chosen = "My-own-password-2026";
        var changed = await session.SubmitAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = account.Password, ["Input.Password"] = chosen, ["Input.Confirm"] = chosen,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/worklist")).StatusCode);
        var withOldPassword = await new FormSession(app.CreateClient()).PostPasswordAsync(account.Email, account.Password);
        Assert.Contains("The email or password is not correct.", await withOldPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Production_demo_credentials_go_to_a_file_only_the_operator_reads_not_to_the_console()
    {
        await using var fresh = new LoopbackApp();
        fresh.Start();
        await using var scope = fresh.Services.CreateAsyncScope();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production };
        var console = new StringWriter();
        var demo = new DemoAccounts(scope.ServiceProvider.GetRequiredService<TeleDermDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>(),
            TimeProvider.System, production, scope.ServiceProvider.GetRequiredService<IOptions<TeleDermOptions>>())
        {
            Output = console,
        };

        await demo.CreateOnFirstStartAsync();

        var file = Path.Combine(fresh.DataDirectory, DemoAccounts.CredentialsFileName);
        Assert.Contains("admin@demo.teleDerm.local", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsLinux() && File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the file is readable by others");
        Assert.Contains(file, console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("@demo.teleDerm.local", console.ToString(), StringComparison.Ordinal);
        await using var check = fresh.Services.CreateAsyncScope();
        Assert.All(await check.ServiceProvider.GetRequiredService<TeleDermDbContext>().Users.ToListAsync(), u => Assert.True(u.MustChangePassword));
    }
}

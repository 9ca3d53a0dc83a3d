using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Hosting;

/// <summary>What happens once before the first request: migrations, roles, and demo accounts when asked.</summary>
public static class Startup
{
    public static async Task InitializeTeleDermAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<TeleDermDbContext>();
        // A migration may rewrite a large table (the former CaseEndings took about a minute per million cases). With
        // the default 30-second command timeout the upgrade would be rolled back and the app would never start.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        await SchemaMigrations.MigrateAsync(db);

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (provider.GetRequiredService<IOptions<TeleDermOptions>>().Value.Demo.Enabled)
        {
            await provider.GetRequiredService<DemoAccounts>().CreateOnFirstStartAsync();
            await provider.GetRequiredService<TeleDerm.Web.Features.Demo.DemoDepartment>().SeedAsync();
        }
    }
}

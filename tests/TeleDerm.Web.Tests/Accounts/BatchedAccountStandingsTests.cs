using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Accounts;

/// <summary>
/// The open pages' periodic re-check reads their accounts together: pages asking at nearly the same time share one
/// reading, each gets its own account as it is then, and nothing is kept for the next check.
/// </summary>
public sealed class BatchedAccountStandingsTests
{
    [Fact]
    public async Task Checks_made_together_share_one_reading_and_the_next_check_reads_again()
    {
        using var app = new TeleDermAppFactory();
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var standings = app.Services.GetRequiredService<BatchedAccountStandings>();

        var first = standings.ReadAsync(dermatologist.Id);
        var sameAccount = standings.ReadAsync(dermatologist.Id);
        var other = standings.ReadAsync(gp.Id);
        var gone = standings.ReadAsync("no-such-account");

        Assert.Same(first, sameAccount);
        Assert.True((await first)!.IsActive);
        Assert.Contains(Roles.Dermatologist, (await first)!.RoleNames);
        Assert.Contains(Roles.GP, (await other)!.RoleNames);
        Assert.Null(await gone);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            await db.Users.Where(u => u.Id == dermatologist.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        }
        var next = standings.ReadAsync(dermatologist.Id);

        Assert.NotSame(first, next);
        Assert.False((await next)!.IsActive);
    }
}

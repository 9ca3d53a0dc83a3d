using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Data;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Events;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Worklist;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Worklist;

/// <summary>
/// Every open worklist refreshes on the same event: they share one reading of the page per event (200 open worklists,
/// one query instead of 200), and the reading is as fresh as each would have made.
/// </summary>
public sealed class SharedWorklistRefreshTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private SharedWorklistRefresh Refresh => app.Services.GetRequiredService<SharedWorklistRefresh>();

    [Fact]
    public async Task Worklists_refreshing_after_the_same_event_share_one_reading_and_the_next_event_reads_again()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var hugo = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var lea = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var first = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var created = new CaseEvent(first.Id, first.DepartmentId, gp.Id, CaseEventKind.Created, DateTime.UtcNow);

        var forHugo = await Refresh.AfterAsync(created, first.DepartmentId, hugo.Id, new WorklistFilter(), new RiskBands(), 0, 25);
        var forLea = await Refresh.AfterAsync(created, first.DepartmentId, lea.Id, new WorklistFilter(), new RiskBands(), 0, 25);

        Assert.Same(forHugo, forLea);
        Assert.Equal([first.Id], forHugo.Page.Rows.Select(r => r.CaseId));

        // Another case, another event: read again, and the new case is there.
        var second = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var next = await Refresh.AfterAsync(created with { CaseId = second.Id, AtUtc = DateTime.UtcNow }, first.DepartmentId, lea.Id, new WorklistFilter(), new RiskBands(), 0, 25);
        Assert.NotSame(forLea, next);
        Assert.Equal(2, next.Page.Total);
    }

    [Fact]
    public async Task A_worklist_showing_only_its_own_cases_is_never_given_a_colleagues_reading()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var hugo = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var lea = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync())
        {
            await db.Set<TeleExpertiseCase>().Where(c => c.Id == @case.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.AssignedDermatologistId, hugo.Id));
        }
        var after = new CaseEvent(@case.Id, @case.DepartmentId, gp.Id, CaseEventKind.StatusChanged, DateTime.UtcNow);
        var mine = new WorklistFilter(MineOnly: true);

        var hugos = await Refresh.AfterAsync(after, @case.DepartmentId, hugo.Id, mine, new RiskBands(), 0, 25);
        var leas = await Refresh.AfterAsync(after, @case.DepartmentId, lea.Id, mine, new RiskBands(), 0, 25);

        Assert.Equal([@case.Id], hugos.Page.Rows.Select(r => r.CaseId));
        Assert.Empty(leas.Page.Rows);
    }
}

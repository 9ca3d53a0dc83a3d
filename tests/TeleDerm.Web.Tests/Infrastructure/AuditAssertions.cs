using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Web.Tests.Infrastructure;

public static class AuditAssertions
{
    public static async Task<List<AuditEntry>> AuditEntriesAsync(this TeleDermAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<AuditEntry> AssertAuditedAsync(this TeleDermAppFactory app, string action, AuditOutcome outcome, string? userName = null)
    {
        var entries = await app.AuditEntriesAsync();
        var match = entries.LastOrDefault(e => e.Action == action && e.Outcome == outcome && (userName is null || e.UserName == userName));
        Assert.True(match is not null, $"No audit entry {action}/{outcome} for {userName}. Entries:\n" +
            string.Join("\n", entries.Select(e => $"{e.Sequence} {e.Action} {e.Outcome} {e.UserName} {e.Details}")));
        return match!;
    }
}

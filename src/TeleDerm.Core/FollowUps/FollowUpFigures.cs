using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.FollowUps;

/// <summary>
/// The tasks of one kind that fell due in a period, by how they stand today: done on time or late, still open and not
/// yet late (<see cref="Pending"/>), late, or lost.
/// </summary>
public sealed record FollowUpRow(GpTaskKind Kind, int Due, int DoneOnTime, int DoneLate, int Pending, int Late, int Lost);

/// <summary>
/// The department dashboard's follow-ups: of the tasks answers gave GPs, those due in the period, each counted by the same
/// rule as the GP's list (<see cref="GpTasks.StateOn"/>). Department heads and administrators only; no patient.
/// </summary>
public sealed class FollowUpFigures(IDbContextFactory<TeleDermDbContext> dbFactory, TimeProvider clock, IOptions<FollowUpOptions> options)
{
    /// <summary>One row per kind (all three, zero where none), or null when <paramref name="viewer"/> may not see this department's figures.</summary>
    public async Task<IReadOnlyList<FollowUpRow>?> DueInAsync(Actor viewer, Guid departmentId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!DashboardDrillDown.MaySee(viewer, departmentId) || !await viewer.IsStillEntitledAsync(db, cancellationToken))
        {
            return null;
        }
        // A few columns of the tasks due in the period (by the department's due-date index): a department has a
        // follow-up for a fraction of its answers, so even two years of them are a small read.
        var tasks = await db.Set<GpTask>().AsNoTracking()
            .Where(t => t.DepartmentId == departmentId && t.DueOn >= firstDay && t.DueOn <= lastDay)
            .Select(t => new { t.Kind, t.Status, t.DueOn, t.BookedAtUtc, t.DoneAtUtc })
            .ToListAsync(cancellationToken);
        var settings = options.Value;
        var today = settings.Today(clock);
        var states = tasks.Select(t => (t.Kind, State: GpTasks.StateOn(t.Status, t.DueOn,
            (t.BookedAtUtc ?? t.DoneAtUtc) is { } acted ? settings.DayOf(acted) : null, today, settings))).ToList();
        return [.. Enum.GetValues<GpTaskKind>().Select(kind =>
        {
            var of = states.Where(s => s.Kind == kind).Select(s => s.State).ToList();
            return new FollowUpRow(kind, of.Count, of.Count(s => s == GpTaskState.DoneOnTime), of.Count(s => s == GpTaskState.DoneLate),
                of.Count(s => s is GpTaskState.Upcoming or GpTaskState.Due), of.Count(s => s == GpTaskState.Late), of.Count(s => s == GpTaskState.Lost));
        })];
    }
}

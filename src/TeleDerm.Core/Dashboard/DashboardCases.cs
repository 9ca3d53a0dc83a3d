using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// The sets of cases the dashboard counts, as queries the database runs (each figure aggregates one of
/// them; the drill-down lists one). The counting rules, in one place:
/// <list type="bullet">
/// <item>received: submitted in the period (drafts never count);</item>
/// <item>ended: answered, converted to an in-person visit or cancelled in the period, whenever submitted
/// (<see cref="TeleExpertiseCase.EndedAtUtc"/>); a cancelled draft never counts;</item>
/// <item>answered: the ended cases that were answered (an answered case ends at its answer); turnaround,
/// service level, workload and volumes-answered count these;</item>
/// <item>decided: the ended cases that were answered or converted: the outcome mix, the risk bands' outcomes
/// and the share that needed a question count these;</item>
/// <item>open at a moment T: submitted before T and not yet ended at T.</item>
/// </list>
/// A period that cuts a case in two (submitted before it starts, answered inside it) counts the case as
/// answered in this period and as received in the earlier one; each event belongs to exactly one period.
/// Every set is a range of one (department, time) index, so the database reads only the period's cases.
/// </summary>
internal static class DashboardCases
{
    private static IQueryable<TeleExpertiseCase> Department(TeleDermDbContext db, Guid departmentId) =>
        db.Set<TeleExpertiseCase>().AsNoTracking().Where(c => c.DepartmentId == departmentId);

    public static IQueryable<TeleExpertiseCase> Received(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c => c.SubmittedAtUtc >= period.FromUtc && c.SubmittedAtUtc < period.ToUtc);

    public static IQueryable<TeleExpertiseCase> Ended(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c => c.EndedAtUtc >= period.FromUtc && c.EndedAtUtc < period.ToUtc && c.SubmittedAtUtc != null);

    public static IQueryable<TeleExpertiseCase> Answered(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Ended(db, departmentId, period).Where(c => c.AnsweredAtUtc != null);

    /// <summary>
    /// Cases waiting at <paramref name="atUtc"/>: submitted before it and not ended then: still open now, or
    /// ended at or after that moment (a case never reopens once ended).
    /// </summary>
    public static IQueryable<TeleExpertiseCase> OpenAt(TeleDermDbContext db, Guid departmentId, DateTime atUtc) =>
        Department(db, departmentId).Where(c => c.SubmittedAtUtc < atUtc && (c.EndedAtUtc == null || c.EndedAtUtc >= atUtc));
}

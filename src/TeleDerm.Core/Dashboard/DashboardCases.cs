using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// The sets of cases the dashboard counts, as queries the database runs (each figure aggregates one of
/// them; the drill-down lists one). The counting rules, in one place:
/// <list type="bullet">
/// <item>received: submitted in the period (drafts never count);</item>
/// <item>answered: answered in the period, whenever submitted; turnaround, service level, workload and
/// volumes-answered count these;</item>
/// <item>decided: answered in the period, or converted to an in-person visit in the period (the time of
/// the conversion transition): the outcome mix, the risk bands' outcomes and the share that needed a
/// question count these;</item>
/// <item>open at a moment T: submitted before T and not yet answered, converted or cancelled at T.</item>
/// </list>
/// A period that cuts a case in two (submitted before it starts, answered inside it) counts the case as
/// answered in this period and as received in the earlier one; each event belongs to exactly one period.
/// </summary>
internal static class DashboardCases
{
    private static IQueryable<TeleExpertiseCase> Department(TeleDermDbContext db, Guid departmentId) =>
        db.Set<TeleExpertiseCase>().AsNoTracking().Where(c => c.DepartmentId == departmentId);

    public static IQueryable<TeleExpertiseCase> Received(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c => c.SubmittedAtUtc >= period.FromUtc && c.SubmittedAtUtc < period.ToUtc);

    public static IQueryable<TeleExpertiseCase> Answered(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c => c.AnsweredAtUtc >= period.FromUtc && c.AnsweredAtUtc < period.ToUtc && c.SubmittedAtUtc != null);

    public static IQueryable<TeleExpertiseCase> Converted(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c => c.Status == CaseStatus.ConvertedToAppointment
            && c.Transitions.Any(t => t.To == CaseStatus.ConvertedToAppointment && t.AtUtc >= period.FromUtc && t.AtUtc < period.ToUtc));

    public static IQueryable<TeleExpertiseCase> Cancelled(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c => c.Status == CaseStatus.Cancelled && c.SubmittedAtUtc != null
            && c.ClosedAtUtc >= period.FromUtc && c.ClosedAtUtc < period.ToUtc);

    public static IQueryable<TeleExpertiseCase> Decided(TeleDermDbContext db, Guid departmentId, DashboardPeriod period) =>
        Department(db, departmentId).Where(c =>
            (c.AnsweredAtUtc >= period.FromUtc && c.AnsweredAtUtc < period.ToUtc && c.SubmittedAtUtc != null)
            || (c.Status == CaseStatus.ConvertedToAppointment
                && c.Transitions.Any(t => t.To == CaseStatus.ConvertedToAppointment && t.AtUtc >= period.FromUtc && t.AtUtc < period.ToUtc)));

    /// <summary>
    /// Cases waiting at <paramref name="atUtc"/>: submitted before it and not yet decided then. An answered case
    /// left at its answer; a cancelled one at its closing; a converted one at its conversion transition.
    /// Written as "still open now, or decided at or after that moment" (the same set, since a case never
    /// reopens once decided): each branch is a range of an index (the worklist's (department, status) and
    /// (department, answered)), so PostgreSQL combines a few small index scans instead of reading every case
    /// the department ever received.
    /// </summary>
    public static IQueryable<TeleExpertiseCase> OpenAt(TeleDermDbContext db, Guid departmentId, DateTime atUtc)
    {
        var open = CaseLifecycle.OpenStatuses;
        return Department(db, departmentId).Where(c => c.SubmittedAtUtc < atUtc
            && (open.Contains(c.Status)
                || c.AnsweredAtUtc >= atUtc
                || (c.Status == CaseStatus.Cancelled && c.ClosedAtUtc >= atUtc)
                || (c.Status == CaseStatus.ConvertedToAppointment
                    && c.Transitions.Any(t => t.To == CaseStatus.ConvertedToAppointment && t.AtUtc >= atUtc))));
    }
}

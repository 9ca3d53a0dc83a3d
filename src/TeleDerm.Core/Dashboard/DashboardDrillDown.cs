using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>The case sets behind the dashboard's figures that a department head can open as a list.</summary>
public enum DrillDownSet
{
    Received,
    Answered,
    Backlog,
    Overdue,
}

/// <summary>
/// One case of a drill-down list: reference, urgency, status and dates, never the patient. <see cref="CanOpen"/>
/// says whether the viewer may open the case itself (<see cref="RecordAccess"/>: a head of the department
/// may, an administrator may not).
/// </summary>
public sealed record DrillDownRow(Guid CaseId, string Reference, Urgency Urgency, CaseStatus Status, DateTime SubmittedAtUtc,
    DateTime? AnsweredAtUtc, DateTime? ServiceDueAtUtc, double? MaxRisk, bool CanOpen);

public sealed record DrillDownList(IReadOnlyList<DrillDownRow> Rows, int Total);

/// <summary>
/// Lists the cases behind a figure, for department heads (own department) and administrators (any, without
/// patient data), and writes every listing to the audit trail: who looked at which cases of which department.
/// </summary>
public sealed class DashboardDrillDown(IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
{
    public const int MaxRows = 500;
    public const string AuditAction = AuditActions.DashboardDrillDown;

    /// <summary>Null when the viewer may not see this department's dashboard (the refusal is audited).</summary>
    public async Task<DrillDownList?> ListAsync(Actor viewer, Guid departmentId, DashboardPeriod period, DrillDownSet set,
        CancellationToken cancellationToken = default)
    {
        var allowed = MaySee(viewer, departmentId);
                if (!allowed)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction, AuditOutcome.Denied, viewer.UserId, viewer.UserName, "department",
                departmentId.ToString(), null, viewer.IpAddress, Describe(set, period)), cancellationToken);
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var at = period.BacklogAt(clock.GetUtcNow().UtcDateTime);
        var cases = set switch
        {
            DrillDownSet.Received => DashboardCases.Received(db, departmentId, period),
            DrillDownSet.Answered => DashboardCases.Answered(db, departmentId, period),
            DrillDownSet.Overdue => DashboardCases.OpenAt(db, departmentId, at).Where(c => c.ServiceDueAtUtc < at),
            _ => DashboardCases.OpenAt(db, departmentId, at),
        };
        var total = await cases.CountAsync(cancellationToken);
        var rows = await cases
            .OrderBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id)
            .Take(MaxRows)
            .Select(c => new { c.Id, c.Reference, c.Urgency, c.Status, c.SubmittedAtUtc, c.AnsweredAtUtc, c.ServiceDueAtUtc, c.MaxRisk, c.SubmittedByUserId, c.DepartmentId })
            .ToListAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(AuditAction, AuditOutcome.Success, viewer.UserId, viewer.UserName, "department",
            departmentId.ToString(), null, viewer.IpAddress, $"{Describe(set, period)}; cases={total}"), cancellationToken);
        return new DrillDownList(
            [.. rows.Select(r => new DrillDownRow(r.Id, r.Reference, r.Urgency, r.Status, r.SubmittedAtUtc!.Value, r.AnsweredAtUtc, r.ServiceDueAtUtc,
                r.MaxRisk, RecordAccess.CanView(viewer, new Owner(r.SubmittedByUserId, r.DepartmentId))))],
            total);
    }

    /// <summary>Department heads see their own department's dashboard; administrators any department's.</summary>
    public static bool MaySee(Actor viewer, Guid departmentId) =>
        viewer.IsInRole(Roles.Admin) || (viewer.IsInRole(Roles.DepartmentHead) && viewer.DepartmentId == departmentId);

    private static string Describe(DrillDownSet set, DashboardPeriod period) =>
        $"set={set}; from={period.FromUtc:O}; to={period.ToUtc:O}";

    private sealed record Owner(string SubmittedByUserId, Guid DepartmentId) : IOwnedRecord;
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Billing;

/// <summary>One act of a statement: who bills it, for which request, how much, or why nothing.</summary>
public sealed record StatementLine(DateTime AtUtc, string? PractitionerUserId, string PractitionerName, ActRole Role, string Code, long AmountCents, string Currency,
    string CaseReference, string? NotBillableReason)
{
    public decimal Amount => AmountCents / 100m;
    public bool IsBillable => NotBillableReason is null;
}

/// <summary>
/// A department's acts over a period, per practitioner: what its head sends to the billing office each month (as CSV) and
/// sees on the dashboard. Only the department's head and administrators, with their rights as they are now.
/// </summary>
public sealed class BillingStatements(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    /// <returns>The lines by practitioner then time, or null when <paramref name="viewer"/> may not see this department's acts.</returns>
    public async Task<List<StatementLine>?> ForPeriodAsync(Actor viewer, Guid departmentId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!DashboardDrillDown.MaySee(viewer, departmentId) || !await viewer.IsStillEntitledAsync(db, cancellationToken))
        {
            return null;
        }
        var acts = await db.Set<BillableAct>().AsNoTracking()
            .Where(a => a.DepartmentId == departmentId && a.AtUtc >= fromUtc && a.AtUtc < toUtc)
            .Join(db.Set<TeleExpertiseCase>(), a => a.CaseId, c => c.Id, (a, c) => new { Act = a, c.Reference })
            .ToListAsync(cancellationToken);
        var ids = acts.Select(a => a.Act.PractitionerUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. acts
            .Select(a => new StatementLine(a.Act.AtUtc, a.Act.PractitionerUserId, a.Act.PractitionerUserId is { } id ? names.GetValueOrDefault(id, id) : "—",
                a.Act.Role, a.Act.Code, a.Act.AmountCents, a.Act.Currency, a.Reference, a.Act.NotBillableReason))
            .OrderBy(l => l.PractitionerName, StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true)).ThenBy(l => l.PractitionerUserId).ThenBy(l => l.AtUtc)];
    }
}

using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>One practice's photos taken again in a period: its requests, and the retake questions asked of it by reason.</summary>
public sealed record PracticeRetakes(string Practice, int Requests, int Retakes, IReadOnlyDictionary<RetakeReason, int> ByReason)
{
    /// <summary>Retake questions per request received, to compare practices of different sizes.</summary>
    public double? PerRequest => Requests == 0 ? null : (double)Retakes / Requests;
}

/// <summary>
/// How often a department had to ask each practice for new photos (coded retake questions), so that it can see which
/// practices need help with their photos. Department heads and administrators; no patient.
/// </summary>
public sealed class RetakeFigures(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    /// <summary>Practices with a request or a retake question in the period, most retakes first; null when <paramref name="viewer"/> may not see them.</summary>
    public async Task<IReadOnlyList<PracticeRetakes>?> ForPeriodAsync(Actor viewer, Guid departmentId, DashboardPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!DashboardDrillDown.MaySee(viewer, departmentId) || !await viewer.IsStillEntitledAsync(db, cancellationToken))
        {
            return null;
        }
        var requests = await DashboardCases.Received(db, departmentId, period)
            .GroupBy(c => c.PracticeId).Select(g => new { PracticeId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var retakes = await (from m in db.Set<CaseMessage>()
                             join c in db.Set<TeleExpertiseCase>() on m.CaseId equals c.Id
                             where c.DepartmentId == departmentId && m.Kind == MessageKind.Question && m.Retake != null
                                   && m.AtUtc >= period.FromUtc && m.AtUtc < period.ToUtc
                             group m by new { c.PracticeId, m.Retake } into g
                             select new { g.Key.PracticeId, g.Key.Retake, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var practiceIds = requests.Select(r => r.PracticeId).Concat(retakes.Select(r => r.PracticeId)).Distinct().ToList();
        var names = await db.Practices.Where(p => practiceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. practiceIds
            .Select(id => new PracticeRetakes(names.GetValueOrDefault(id) ?? "—",
                requests.Where(r => r.PracticeId == id).Sum(r => r.Count),
                retakes.Where(r => r.PracticeId == id).Sum(r => r.Count),
                retakes.Where(r => r.PracticeId == id).ToDictionary(r => r.Retake!.Value, r => r.Count)))
            .OrderByDescending(p => p.Retakes).ThenByDescending(p => p.PerRequest).ThenBy(p => p.Practice, StringComparer.CurrentCulture)];
    }
}

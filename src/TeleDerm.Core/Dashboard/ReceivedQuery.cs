using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// Cases received in the period by the model's highest risk among their images, in tenths: bin k holds
/// risks in [k/10, (k+1)/10), the last bin also 1.0; <see cref="NotScored"/>: no image scored yet.
/// </summary>
public sealed record RiskDistribution(IReadOnlyList<int> Tenths, int NotScored)
{
    public int Scored => Tenths.Sum();
}

/// <summary>The cases received in a period: how many, per practice, and by risk.</summary>
internal sealed record ReceivedFigures(int Total, IReadOnlyDictionary<Guid, int> PerPractice, RiskDistribution Risk);

internal static class ReceivedQuery
{
    public static async Task<ReceivedFigures> ComputeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period, CancellationToken cancellationToken)
    {
        // One grouped statement: received cases by (practice, risk tenth), at most practices × 11 rows.
        // The bin as a CASE over comparisons rather than CAST(risk * 10 AS int): PostgreSQL rounds such a cast
        // where SQLite truncates, and a comparison with 0.3 means the same thing on both.
        var rows = await DashboardCases.Received(db, departmentId, period)
            .Select(c => new
            {
                c.PracticeId,
                Bin = c.MaxRisk == null ? -1
                    : c.MaxRisk >= 0.9 ? 9 : c.MaxRisk >= 0.8 ? 8 : c.MaxRisk >= 0.7 ? 7 : c.MaxRisk >= 0.6 ? 6 : c.MaxRisk >= 0.5 ? 5
                    : c.MaxRisk >= 0.4 ? 4 : c.MaxRisk >= 0.3 ? 3 : c.MaxRisk >= 0.2 ? 2 : c.MaxRisk >= 0.1 ? 1 : 0,
            })
            .GroupBy(c => new { c.PracticeId, c.Bin })
            .Select(g => new { g.Key.PracticeId, g.Key.Bin, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tenths = new int[10];
        foreach (var row in rows.Where(r => r.Bin >= 0))
        {
            tenths[row.Bin] += row.Count;
        }
        var perPractice = rows.GroupBy(r => r.PracticeId).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        return new ReceivedFigures(rows.Sum(r => r.Count), perPractice, new RiskDistribution(tenths, rows.Where(r => r.Bin < 0).Sum(r => r.Count)));
    }
}

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

internal static class RiskDistributionQuery
{
    public static async Task<RiskDistribution> ComputeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period, CancellationToken cancellationToken)
    {
        // The bin as a CASE over comparisons rather than CAST(risk * 10 AS int): PostgreSQL rounds such a cast
        // where SQLite truncates, and a comparison with 0.3 means the same thing on both.
        var bins = await DashboardCases.Received(db, departmentId, period)
            .GroupBy(c => c.MaxRisk == null ? -1
                : c.MaxRisk >= 0.9 ? 9 : c.MaxRisk >= 0.8 ? 8 : c.MaxRisk >= 0.7 ? 7 : c.MaxRisk >= 0.6 ? 6 : c.MaxRisk >= 0.5 ? 5
                : c.MaxRisk >= 0.4 ? 4 : c.MaxRisk >= 0.3 ? 3 : c.MaxRisk >= 0.2 ? 2 : c.MaxRisk >= 0.1 ? 1 : 0)
            .Select(g => new { Bin = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tenths = new int[10];
        foreach (var bin in bins.Where(b => b.Bin >= 0))
        {
            tenths[bin.Bin] = bin.Count;
        }
        return new RiskDistribution(tenths, bins.Where(b => b.Bin < 0).Sum(b => b.Count));
    }
}

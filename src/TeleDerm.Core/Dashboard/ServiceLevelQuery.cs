using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>
/// Of the cases of one urgency answered in the period, how many were answered within the service level:
/// at or before their stored due time (submission + target, in calendar hours: nights and weekends count).
/// </summary>
public sealed record ServiceLevelRow(Urgency Urgency, TimeSpan Target, int Answered, int WithinTarget)
{
    public double? Share => Answered == 0 ? null : (double)WithinTarget / Answered;
}

internal static class ServiceLevelQuery
{
    public static async Task<IReadOnlyList<ServiceLevelRow>> ComputeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period,
        ServiceLevels levels, CancellationToken cancellationToken)
    {
        var counts = await DashboardCases.Answered(db, departmentId, period)
            .GroupBy(c => c.Urgency)
            .Select(g => new { Urgency = g.Key, Answered = g.Count(), Within = g.Sum(c => c.AnsweredAtUtc <= c.ServiceDueAtUtc ? 1 : 0) })
            .ToListAsync(cancellationToken);
        // Every urgency gets a row, most urgent first, even with nothing answered.
        return [.. new[] { Urgency.Urgent, Urgency.Soon, Urgency.Routine }.Select(u =>
            counts.FirstOrDefault(c => c.Urgency == u) is { } row
                ? new ServiceLevelRow(u, levels.For(u), row.Answered, row.Within)
                : new ServiceLevelRow(u, levels.For(u), 0, 0))];
    }
}

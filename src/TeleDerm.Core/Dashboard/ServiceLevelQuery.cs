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

/// <summary>Cases answered in the period by one dermatologist at one urgency: how many, and how many within the service level.</summary>
internal sealed record AnswerCount(Urgency Urgency, string DermatologistId, int Answered, int WithinTarget);

internal static class ServiceLevelQuery
{
    /// <summary>
    /// One grouped statement for the service levels and the dermatologists' counts: answered cases by (urgency,
    /// dermatologist), at most 3 × the department's dermatologists rows.
    /// </summary>
    public static async Task<IReadOnlyList<AnswerCount>> AnswerCountsAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period,
        CancellationToken cancellationToken)
    {
        var rows = await DashboardCases.Answered(db, departmentId, period)
            .GroupBy(c => new { c.Urgency, Dermatologist = c.AssignedDermatologistId ?? "" })
            .Select(g => new
            {
                g.Key.Urgency,
                g.Key.Dermatologist,
                Answered = g.Count(),
                Within = g.Sum(c => c.AnsweredAtUtc <= c.ServiceDueAtUtc ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AnswerCount(r.Urgency, r.Dermatologist, r.Answered, r.Within))];
    }

    /// <summary>Every urgency gets a row, most urgent first, even with nothing answered.</summary>
    public static IReadOnlyList<ServiceLevelRow> PerUrgency(IReadOnlyList<AnswerCount> counts, ServiceLevels levels) =>
        [.. new[] { Urgency.Urgent, Urgency.Soon, Urgency.Routine }.Select(u => new ServiceLevelRow(u, levels.For(u),
            counts.Where(c => c.Urgency == u).Sum(c => c.Answered), counts.Where(c => c.Urgency == u).Sum(c => c.WithinTarget)))];
}

using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>One dermatologist's answers in the period: how many, how many within the service level, how fast.</summary>
public sealed record DermatologistRow(string UserId, string Name, int Answered, int WithinTarget, DurationStats TimeToAnswer)
{
    public double? WithinShare => Answered == 0 ? null : (double)WithinTarget / Answered;
}

/// <summary>One practice's requests: received in the period, and answered in the period.</summary>
public sealed record PracticeRow(Guid PracticeId, string Name, int Received, int Answered);

internal static class WorkloadQuery
{
    public static async Task<IReadOnlyList<DermatologistRow>> PerDermatologistAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period,
        CancellationToken cancellationToken)
    {
        var counts = await DashboardCases.Answered(db, departmentId, period)
            .GroupBy(c => c.AssignedDermatologistId ?? "")
            .Select(g => new { UserId = g.Key, Answered = g.Count(), Within = g.Sum(c => c.AnsweredAtUtc <= c.ServiceDueAtUtc ? 1 : 0) })
            .ToListAsync(cancellationToken);
        var times = await DurationPercentiles.ComputeAsync(db, departmentId, period, DurationPercentiles.Until.Answer,
            DurationPercentiles.GroupBy.Dermatologist, cancellationToken);
        var ids = counts.Select(c => c.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. counts
            .Select(c => new DermatologistRow(c.UserId, names.GetValueOrDefault(c.UserId, c.UserId), c.Answered, c.Within,
                times.GetValueOrDefault(c.UserId, DurationStats.None)))
            .OrderByDescending(r => r.Answered).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }

    public static async Task<IReadOnlyList<PracticeRow>> PerPracticeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period,
        CancellationToken cancellationToken)
    {
        var received = await DashboardCases.Received(db, departmentId, period)
            .GroupBy(c => c.PracticeId).Select(g => new { Practice = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Practice, g => g.Count, cancellationToken);
        var answered = await DashboardCases.Answered(db, departmentId, period)
            .GroupBy(c => c.PracticeId).Select(g => new { Practice = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Practice, g => g.Count, cancellationToken);
        var ids = received.Keys.Union(answered.Keys).ToList();
        var names = await db.Practices.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. ids
            .Select(id => new PracticeRow(id, names.GetValueOrDefault(id, id.ToString()), received.GetValueOrDefault(id), answered.GetValueOrDefault(id)))
            .OrderByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}

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
    /// <summary>The dermatologists' rows from the answer counts and their times to answer (computed beforehand), with their names.</summary>
    public static async Task<IReadOnlyList<DermatologistRow>> PerDermatologistAsync(TeleDermDbContext db, IReadOnlyList<AnswerCount> counts,
        IReadOnlyDictionary<string, DurationStats> timesToAnswer, CancellationToken cancellationToken)
    {
        var perDermatologist = counts
            .GroupBy(c => c.DermatologistId)
            .Select(g => new { UserId = g.Key, Answered = g.Sum(c => c.Answered), Within = g.Sum(c => c.WithinTarget) })
            .ToList();
        var ids = perDermatologist.Select(c => c.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. perDermatologist
            .Select(c => new DermatologistRow(c.UserId, names.GetValueOrDefault(c.UserId, c.UserId), c.Answered, c.Within,
                timesToAnswer.GetValueOrDefault(c.UserId, DurationStats.None)))
            .OrderByDescending(r => r.Answered).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>Cases answered in the period per practice (one grouped statement).</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> AnsweredPerPracticeAsync(TeleDermDbContext db, Guid departmentId, DashboardPeriod period,
        CancellationToken cancellationToken) =>
        await DashboardCases.Answered(db, departmentId, period)
            .GroupBy(c => c.PracticeId).Select(g => new { Practice = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Practice, g => g.Count, cancellationToken);

    /// <summary>The practices' rows from the counts received and answered (computed beforehand), with their names.</summary>
    public static async Task<IReadOnlyList<PracticeRow>> PerPracticeAsync(TeleDermDbContext db, IReadOnlyDictionary<Guid, int> received,
        IReadOnlyDictionary<Guid, int> answered, CancellationToken cancellationToken)
    {
        var ids = received.Keys.Union(answered.Keys).ToList();
        var names = await db.Practices.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. ids
            .Select(id => new PracticeRow(id, names.GetValueOrDefault(id, id.ToString()), received.GetValueOrDefault(id), answered.GetValueOrDefault(id)))
            .OrderByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}

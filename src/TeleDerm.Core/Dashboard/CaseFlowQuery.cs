using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Dashboard;

/// <summary>How much came in and went out in a period (see <see cref="DashboardCases"/> for what counts).</summary>
public sealed record VolumeFigures(int Received, int Answered, int ConvertedToVisit, int Cancelled);

/// <summary>
/// The cases waiting at one moment, by how long they had waited then: less than a day, 1 to 3 days, 3 to 7
/// days, 7 days or more (a case exactly one day old is in "1 to 3 days"); and how many were past their
/// service-level due time.
/// </summary>
public sealed record BacklogFigures(DateTime AtUtc, int Total, int UnderOneDay, int OneToThreeDays, int ThreeToSevenDays, int SevenDaysOrMore, int Overdue)
{
    public IReadOnlyList<(BacklogAge Age, int Count)> ByAge =>
        [(BacklogAge.UnderOneDay, UnderOneDay), (BacklogAge.OneToThreeDays, OneToThreeDays), (BacklogAge.ThreeToSevenDays, ThreeToSevenDays), (BacklogAge.SevenDaysOrMore, SevenDaysOrMore)];
}

public enum BacklogAge
{
    UnderOneDay,
    OneToThreeDays,
    ThreeToSevenDays,
    SevenDaysOrMore,
}

internal static class CaseFlowQuery
{
    public static async Task<BacklogFigures> BacklogAsync(TeleDermDbContext db, Guid departmentId, DateTime atUtc, CancellationToken cancellationToken)
    {
        // Age buckets as submission-time boundaries computed here, so the database compares plain timestamps.
        var oneDay = atUtc.AddDays(-1);
        var threeDays = atUtc.AddDays(-3);
        var sevenDays = atUtc.AddDays(-7);
        var counts = await DashboardCases.OpenAt(db, departmentId, atUtc)
            .GroupBy(c => 1)
            .Select(g => new
            {
                Total = g.Count(),
                UnderOneDay = g.Sum(c => c.SubmittedAtUtc > oneDay ? 1 : 0),
                OneToThree = g.Sum(c => c.SubmittedAtUtc <= oneDay && c.SubmittedAtUtc > threeDays ? 1 : 0),
                ThreeToSeven = g.Sum(c => c.SubmittedAtUtc <= threeDays && c.SubmittedAtUtc > sevenDays ? 1 : 0),
                Overdue = g.Sum(c => c.ServiceDueAtUtc < atUtc ? 1 : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return counts is null
            ? new BacklogFigures(atUtc, 0, 0, 0, 0, 0, 0)
            : new BacklogFigures(atUtc, counts.Total, counts.UnderOneDay, counts.OneToThree, counts.ThreeToSeven,
                counts.Total - counts.UnderOneDay - counts.OneToThree - counts.ThreeToSeven, counts.Overdue);
    }
}

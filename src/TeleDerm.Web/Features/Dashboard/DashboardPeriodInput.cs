using System.Globalization;
using TeleDerm.Core.Dashboard;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Dashboard;

/// <summary>
/// A period as people choose it: a first and a last day, both included, in the institution's time zone
/// (<see cref="ClinicalTime"/>); turned into the half-open UTC period the queries count in.
/// </summary>
public sealed record DashboardPeriodInput(DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>The longest period one request may ask for: three years of days.</summary>
    public const int MaxDays = 3 * 366;

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public DashboardPeriod ToPeriod(ClinicalTime time) => new(time.StartOfDayUtc(FirstDay), time.StartOfDayUtc(LastDay.AddDays(1)));

    /// <summary>The last <paramref name="days"/> days up to and including today.</summary>
    public static DashboardPeriodInput Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    /// <summary>Reads "from" and "to" (yyyy-MM-dd); the error says what is wrong, for a person to read.</summary>
    public static DashboardPeriodInput? TryParse(string? from, string? to, out string? error)
    {
        error = null;
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
        {
            error = "Give the period as from=yyyy-MM-dd&to=yyyy-MM-dd (first and last day, both included).";
            return null;
        }
        var input = new DashboardPeriodInput(first, last);
        if (last < first)
        {
            error = $"The period ends ({to}) before it starts ({from}).";
            return null;
        }
        if (input.Days > MaxDays)
        {
            error = $"The period is {input.Days} days long; at most {MaxDays} days can be shown at once.";
            return null;
        }
        return input;
    }
}

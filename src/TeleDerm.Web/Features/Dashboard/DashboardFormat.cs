using System.Globalization;

using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Dashboard;

/// <summary>How the dashboard writes its numbers: counts with separators, shares as whole percents, durations in hours then days.</summary>
public static class DashboardFormat
{
    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Share(double? share) => share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "—";

    public static string Duration(TimeSpan? span, IStringLocalizer<Texts> texts) => span is not { } s ? "—"
        : s.TotalHours < 48 ? string.Format(CultureInfo.CurrentCulture, texts["Dashboard.HoursValue"], s.TotalHours.ToString("0.#", CultureInfo.CurrentCulture))
        : string.Format(CultureInfo.CurrentCulture, texts["Dashboard.DaysValue"], s.TotalDays.ToString("0.#", CultureInfo.CurrentCulture));
}

using System.Globalization;
using Microsoft.Extensions.Options;
using TeleDerm.Reports.Content;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// Times as the clinicians of this installation read them: stored in UTC, shown in the institution's
/// time zone (setting TeleDerm:TimeZone, an IANA id such as Europe/Paris; default: the server's zone).
/// </summary>
public sealed class ClinicalTime(IOptions<TeleDermOptions> options)
{
    private readonly TimeZoneInfo zone = string.IsNullOrWhiteSpace(options.Value.TimeZone)
        ? TimeZoneInfo.Local
        : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The first moment of a calendar day in the institution's zone, in UTC (period boundaries of the dashboard).</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), zone);

    /// <summary>The institution's calendar day of an instant.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>Today in the institution's zone.</summary>
    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>The zone times are shown in, named where a time leaves the screen (reports, exports): "Europe/Paris".</summary>
    public TimeZoneInfo Zone => zone;

    /// <summary>
    /// The one date-time format of the product, in the reader's culture: "5 Dec 2026 07:39" / "5 déc. 2026 07:39".
    /// A month name, never a month number: 12/05 is the 5th of December to an American and the 12th of May to a
    /// French reader. The report composer uses the same pattern (<see cref="TeleDerm.Reports.Content.ClinicalDateFormat"/>).
    /// </summary>
    public string Format(DateTime utc) => ToLocal(utc).ToString(ClinicalDateFormat.DateTime, CultureInfo.CurrentCulture);

    /// <summary>As <see cref="Format(DateTime)"/>, followed by the zone's name: "5 Dec 2026 07:39 (Europe/Paris)".</summary>
    public string FormatWithZone(DateTime utc) => $"{Format(utc)} ({zone.Id})";

    /// <summary>A calendar date (birth date, a day of the dashboard): "5 Dec 2026" / "5 déc. 2026".</summary>
    public static string FormatDate(DateOnly date) => date.ToString(ClinicalDateFormat.Date, CultureInfo.CurrentCulture);

    /// <summary>The calendar day of an instant, in the institution's zone.</summary>
    public string FormatDate(DateTime utc) => FormatDate(DayOf(utc));
}

using System.Globalization;
using Microsoft.Extensions.Options;

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

    /// <summary>Today in the institution's zone.</summary>
    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>Date and time in the user's culture, e.g. 22/11/2026 09:38 (fr) or 11/22/2026 9:38 AM (en).</summary>
    public string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);
}

using System.Globalization;

using Microsoft.Extensions.Localization;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Worklist;

/// <summary>A waiting time as a clinician reads it: minutes under an hour, hours under two days, then days.</summary>
public static class WaitDurations
{
    public static string Format(TimeSpan span, IStringLocalizer<Texts> texts) => span.TotalHours < 1
        ? string.Format(CultureInfo.CurrentCulture, texts["Duration.Minutes"], (int)span.TotalMinutes)
        : span.TotalDays < 2
            ? string.Format(CultureInfo.CurrentCulture, texts["Duration.Hours"], (int)span.TotalHours)
            : string.Format(CultureInfo.CurrentCulture, texts["Duration.Days"], (int)span.TotalDays);
}

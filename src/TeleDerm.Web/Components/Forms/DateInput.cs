using System.Globalization;

namespace TeleDerm.Web.Components.Forms;

/// <summary>
/// A calendar date typed by a clinician, in the language of the app rather than the browser's (a French GP on an
/// English browser must not meet month-first dates). Accepted: the culture's day/month/year order with 4-digit
/// years, and ISO 8601 (what practice software and tests paste).
/// </summary>
public static class DateInput
{
    /// <summary>The pattern shown to the user: "dd/MM/yyyy" in French, "MM/dd/yyyy" in English (US).</summary>
    public static string Pattern(CultureInfo culture)
    {
        var order = culture.DateTimeFormat.ShortDatePattern.Where(char.IsLetter).Select(char.ToLowerInvariant).Distinct().ToArray();
        var separator = culture.DateTimeFormat.DateSeparator;
        return string.Join(separator, order.Select(part => part switch { 'd' => "dd", 'm' => "MM", _ => "yyyy" }));
    }

    /// <summary>The pattern in words the reader knows: "JJ/MM/AAAA", "MM/DD/YYYY".</summary>
    public static string Hint(CultureInfo culture, string day, string month, string year) =>
        Pattern(culture).Replace("dd", day, StringComparison.Ordinal).Replace("MM", month, StringComparison.Ordinal).Replace("yyyy", year, StringComparison.Ordinal);

    public static string Format(DateOnly date, CultureInfo culture) => date.ToString(Pattern(culture), culture);

    public static bool TryParse(string? text, CultureInfo culture, out DateOnly date)
    {
        var trimmed = (text ?? "").Trim();
        return DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || DateOnly.TryParseExact(trimmed, [Pattern(culture), Pattern(culture).Replace("dd", "d", StringComparison.Ordinal).Replace("MM", "M", StringComparison.Ordinal)],
                culture, DateTimeStyles.None, out date);
    }
}

namespace TeleDerm.Reports.Content;

/// <summary>
/// The product's one way to write a date for people, on screen and on paper: day, month name, year, 24-hour
/// time ("5 Dec 2026 07:39", "5 déc. 2026 07:39"). It lives in this library, the lowest one that prints dates;
/// the web host's ClinicalTime formats with the same patterns.
/// </summary>
public static class ClinicalDateFormat
{
    public const string DateTime = "d MMM yyyy HH:mm";
    public const string Date = "d MMM yyyy";
}

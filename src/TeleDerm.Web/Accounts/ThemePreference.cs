namespace TeleDerm.Web.Accounts;

/// <summary>Light or dark theme, kept in a cookie so that the first byte of every page is already in the user's theme.</summary>
public static class ThemePreference
{
    public const string CookieName = "TeleDerm.Theme";
    public const string Light = "light";
    public const string Dark = "dark";

    public static string Read(HttpContext context) =>
        context.Request.Cookies[CookieName] == Dark ? Dark : Light;
}

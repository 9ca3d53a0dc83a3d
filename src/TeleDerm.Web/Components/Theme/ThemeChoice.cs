namespace TeleDerm.Web.Components.Theme;

/// <summary>
/// The user's theme preference (read from its cookie during the first HTTP request), cascaded to the
/// layouts: an interactive circuit has no HttpContext of its own to read it from.
/// </summary>
public sealed record ThemeChoice(bool PrefersDark);

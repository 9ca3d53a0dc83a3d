using System.Text.RegularExpressions;

namespace TeleDerm.Web.Components.Theme;

/// <summary>Which addresses are the viewer's reading room (shown in the dark palette).</summary>
public static partial class ReadingRoom
{
    public static bool Contains(string absoluteUri) => ViewerPath().IsMatch(new Uri(absoluteUri).AbsolutePath);

    [GeneratedRegex(@"^/cases/[0-9a-fA-F-]{36}/viewer/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ViewerPath();
}

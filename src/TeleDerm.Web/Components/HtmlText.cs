using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace TeleDerm.Web.Components;

/// <summary>
/// Text and attribute values escaped for HTML written by hand (markup shared between open pages instead of
/// components of their own). Markup characters are escaped; letters of every language are left as they are
/// ("élevé", not "&amp;#xE9;lev&amp;#xE9;").
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? value) => value is null ? "" : Encoder.Encode(value);
}

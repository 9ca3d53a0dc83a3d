using PdfSharp.Fonts;

namespace TeleDerm.Reports.Composition;

/// <summary>
/// Every family name resolves to DejaVu Sans (regular, bold, oblique), read from Debian's fonts-dejavu-core
/// (installed by scripts/install-dependencies.sh and the Dockerfile). PDFsharp embeds the subset it uses, so
/// a report reads the same on a machine without the fonts. DejaVu covers French accents and the symbols we
/// print (µ, ±, ≥).
/// </summary>
internal sealed class DejaVuFontResolver(string folder) : IFontResolver
{
    public const string DebianFolder = "/usr/share/fonts/truetype/dejavu";
    public const string FamilyName = "DejaVu Sans";

    private static readonly Dictionary<string, string> Files = new()
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSans-Oblique"] = "DejaVuSans-Oblique.ttf",
        ["DejaVuSans-BoldOblique"] = "DejaVuSans-BoldOblique.ttf",
    };

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new((isBold, isItalic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[] GetFont(string faceName)
    {
        var path = Path.Combine(folder, Files[faceName]);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The report font {path} is missing: install the Debian package fonts-dejavu-core.", path);
        return File.ReadAllBytes(path);
    }
}

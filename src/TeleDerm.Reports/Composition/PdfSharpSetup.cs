using PdfSharp.Fonts;

namespace TeleDerm.Reports.Composition;

/// <summary>
/// PDFsharp's process-wide settings, made once: the font resolver (PDFsharp has no fonts of its own on Linux).
/// </summary>
internal static class PdfSharpSetup
{
    private static readonly Lazy<bool> Done = new(() =>
    {
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(DejaVuFontResolver.DebianFolder);
        return true;
    });

    public static void Ensure() => _ = Done.Value;
}

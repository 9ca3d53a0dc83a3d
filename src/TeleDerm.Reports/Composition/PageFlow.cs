using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace TeleDerm.Reports.Composition;

/// <summary>
/// Top-to-bottom layout on A4 pages: a cursor that wraps text to the column, starts a new page when the
/// next block does not fit, and leaves the bottom margin free for the footer drawn at the end.
/// </summary>
internal sealed class PageFlow(PdfDocument document) : IDisposable
{
    public const double Margin = 50;
    public const double FooterHeight = 30;
    public static readonly XColor Ink = XColor.FromArgb(0x1f, 0x29, 0x37);
    public static readonly XColor Muted = XColor.FromArgb(0x55, 0x60, 0x70);
    public static readonly XColor Rule = XColor.FromArgb(0xb8, 0xc2, 0xcc);

    public readonly XFont Body = Font(9.5);
    public readonly XFont Bold = Font(9.5, XFontStyleEx.Bold);
    public readonly XFont Small = Font(7.5);
    public readonly XFont Heading = Font(12, XFontStyleEx.Bold);
    public readonly XFont TitleFont = Font(16, XFontStyleEx.Bold);

    /// <summary>Unicode (Identity-H with a ToUnicode map): any name prints, and the text can be extracted and searched.</summary>
    public static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(DejaVuFontResolver.FamilyName, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private XGraphics? _graphics;
    private PdfPage? _page;

    public double Y { get; set; }
    public double Left => Margin;
    public double Width => (_page?.Width.Point ?? XUnit.FromMillimeter(210).Point) - 2 * Margin;
    private double Bottom => _page!.Height.Point - Margin - FooterHeight;

    public XGraphics Graphics => _graphics ?? throw new InvalidOperationException("No page started.");

    public void NewPage()
    {
        _graphics?.Dispose();
        _page = document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Reserve(double height)
    {
        if (_page is null || Y + height > Bottom)
            NewPage();
    }

    public void Space(double points) => Y += points;

    /// <summary>A heading kept on the page of what follows it (<paramref name="keepWith"/> points of it).</summary>
    public void SectionHeading(string text, double keepWith = 0)
    {
        Reserve(Heading.Height + 14 + Math.Max(keepWith, 3 * Body.Height));
        Space(6);
        Graphics.DrawString(text, Heading, new XSolidBrush(Ink), new XPoint(Left, Y + Heading.Height * 0.8));
        Y += Heading.Height + 2;
        Graphics.DrawLine(new XPen(Rule, 0.6), Left, Y, Left + Width, Y);
        Y += 5;
    }

    /// <summary>Wrapped text, a new page wherever a line does not fit.</summary>
    public void Paragraph(string text, XFont? font = null, double indent = 0, XColor? color = null)
    {
        font ??= Body;
        var brush = new XSolidBrush(color ?? Ink);
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Reserve(font.Height);
            Graphics.DrawString(line, font, brush, new XPoint(Left + indent, Y + font.Height * 0.8));
            Y += font.Height * 1.15;
        }
    }

    /// <summary>A bold label in a fixed column and its wrapped value beside it.</summary>
    public void LabelValue(string label, string value, double labelWidth = 175)
    {
        var lines = Wrap(value, Body, Width - labelWidth).ToList();
        Reserve(Body.Height * 1.15 * Math.Min(lines.Count, 3));
        Graphics.DrawString(label, Bold, new XSolidBrush(Muted), new XPoint(Left, Y + Body.Height * 0.8));
        foreach (var line in lines)
        {
            Reserve(Body.Height);
            Graphics.DrawString(line, Body, new XSolidBrush(Ink), new XPoint(Left + labelWidth, Y + Body.Height * 0.8));
            Y += Body.Height * 1.15;
        }
    }

    /// <summary>Greedy word wrap; a word longer than the width is cut; line breaks in the text are kept.</summary>
    public IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                    yield return line;
                line = word;
                while (Measure(line, font) > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], font) > width)
                        cut--;
                    yield return line[..cut];
                    line = line[cut..];
                }
            }
            yield return line;
        }
    }

    private double Measure(string text, XFont font) => Graphics.MeasureString(text, font).Width;

    public void Dispose() => _graphics?.Dispose();
}

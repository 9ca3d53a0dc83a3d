namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// A millimetre ruler in image pixels: a light plastic strip with a tick every millimetre, longer ones every
/// 5 and 10 mm. Tick k sits exactly at <c>Left + k × pixelsPerMm</c>, so the image's scale can be read back.
/// </summary>
internal sealed class Ruler(double left, double top, int millimetres, double pixelsPerMm, double height)
{
    private const double Margin = 12;

    public double Left { get; } = left;
    public double Top { get; } = top;
    public int Millimetres { get; } = millimetres;
    public double PixelsPerMm { get; } = pixelsPerMm;
    public double Right => Left + Millimetres * PixelsPerMm + 2 * Margin;
    public double Bottom => Top + height;

    /// <summary>How much plastic and how much ink cover pixel (x, y).</summary>
    public void Cover(int x, int y, out double plastic, out double ink)
    {
        plastic = 0;
        ink = 0;
        double px = x + 0.5, py = y + 0.5;
        if (px < Left - 1 || px > Right + 1 || py < Top - 1 || py > Bottom + 1) return;
        plastic = StableMath.Clamp01(Math.Min(Math.Min(px - Left, Right - px), Math.Min(py - Top, Bottom - py)) + 0.5) * 0.9;
        if (plastic == 0) return;

        double tickHalfWidth = Math.Max(0.9, PixelsPerMm * 0.045);
        double k = Math.Round((px - Left - Margin) / PixelsPerMm);
        if (k < 0 || k > Millimetres) return;
        double distance = Math.Abs(px - (Left + Margin + k * PixelsPerMm));
        double across = StableMath.Clamp01(tickHalfWidth + 0.5 - distance);
        int mm = (int)k;
        double length = (mm % 10 == 0 ? 0.62 : mm % 5 == 0 ? 0.48 : 0.32) * height;
        double along = StableMath.Clamp01(Top + 2 + length + 0.5 - py) * StableMath.Clamp01(py - Top - 2 + 0.5);
        ink = across * along;
    }
}

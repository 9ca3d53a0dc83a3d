namespace TeleDerm.Imaging.Exif;

/// <summary>Turns a stored image into its displayed form for a given EXIF orientation.</summary>
public static class OrientationTransform
{
    public static bool SwapsAxes(ExifOrientation orientation) => orientation is >= ExifOrientation.Transpose and <= ExifOrientation.Rotate270Clockwise;

    public static RgbImage Apply(RgbImage stored, ExifOrientation orientation)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (orientation == ExifOrientation.Normal)
        {
            return stored;
        }

        int w = stored.Width, h = stored.Height;
        bool swap = SwapsAxes(orientation);
        var shown = RgbImage.CreateBlank(swap ? h : w, swap ? w : h);
        byte[] src = stored.Pixels, dst = shown.Pixels;
        int d = 0;
        for (int y = 0; y < shown.Height; y++)
        {
            for (int x = 0; x < shown.Width; x++, d += 3)
            {
                // Where the displayed pixel (x, y) is stored.
                (int sx, int sy) = orientation switch
                {
                    ExifOrientation.MirrorHorizontal => (w - 1 - x, y),
                    ExifOrientation.Rotate180 => (w - 1 - x, h - 1 - y),
                    ExifOrientation.MirrorVertical => (x, h - 1 - y),
                    ExifOrientation.Transpose => (y, x),
                    ExifOrientation.Rotate90Clockwise => (y, h - 1 - x),
                    ExifOrientation.Transverse => (w - 1 - y, h - 1 - x),
                    ExifOrientation.Rotate270Clockwise => (w - 1 - y, x),
                    _ => (x, y),
                };
                int s = ((sy * w) + sx) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }

        return shown;
    }
}

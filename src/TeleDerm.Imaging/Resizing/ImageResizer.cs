namespace TeleDerm.Imaging.Resizing;

/// <summary>
/// Separable resizing of <see cref="RgbImage"/>: area averaging when shrinking, bilinear when
/// enlarging (see <see cref="ResampleWeights"/> for why). Rows first, then columns, in float.
/// </summary>
public static class ImageResizer
{
    /// <summary>Resizes to exactly <paramref name="width"/>×<paramref name="height"/> (aspect ratio not kept; e.g. 224×224 model input).</summary>
    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == source.Width && height == source.Height)
        {
            return new RgbImage(width, height, (byte[])source.Pixels.Clone());
        }

        ResampleWeights horizontal = ResampleWeights.Create(source.Width, width);
        ResampleWeights vertical = ResampleWeights.Create(source.Height, height);

        // Pass 1: every source row to the new width.
        var rows = new float[checked(source.Height * width * 3)];
        byte[] src = source.Pixels;
        for (int y = 0; y < source.Height; y++)
        {
            int srcRow = y * source.Width * 3;
            int dstRow = y * width * 3;
            for (int x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0;
                int first = horizontal.First[x];
                int wBase = x * horizontal.Taps;
                for (int t = 0; t < horizontal.Count[x]; t++)
                {
                    float w = horizontal.Weights[wBase + t];
                    int s = srcRow + ((first + t) * 3);
                    r += src[s] * w;
                    g += src[s + 1] * w;
                    b += src[s + 2] * w;
                }

                int d = dstRow + (x * 3);
                rows[d] = r;
                rows[d + 1] = g;
                rows[d + 2] = b;
            }
        }

        // Pass 2: columns to the new height.
        var result = RgbImage.CreateBlank(width, height);
        byte[] dst = result.Pixels;
        int rowLength = width * 3;
        var accumulator = new float[rowLength];
        for (int y = 0; y < height; y++)
        {
            Array.Clear(accumulator);
            int first = vertical.First[y];
            int wBase = y * vertical.Taps;
            // Source rows outermost so both arrays are read sequentially.
            for (int t = 0; t < vertical.Count[y]; t++)
            {
                float w = vertical.Weights[wBase + t];
                int srcRow = (first + t) * rowLength;
                for (int i = 0; i < rowLength; i++)
                {
                    accumulator[i] += rows[srcRow + i] * w;
                }
            }

            int dstRow = y * rowLength;
            for (int i = 0; i < rowLength; i++)
            {
                dst[dstRow + i] = (byte)Math.Clamp((int)(accumulator[i] + 0.5f), 0, 255);
            }
        }

        return result;
    }

    /// <summary>Largest size with the source's aspect ratio that fits in the box; never enlarges.</summary>
    public static ImageSize FitWithin(ImageSize source, ImageSize box)
    {
        double scale = Math.Min(1.0, Math.Min((double)box.Width / source.Width, (double)box.Height / source.Height));
        return new ImageSize(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
    }

    /// <summary>Shrinks to fit within the box, keeping the aspect ratio (thumbnails).</summary>
    public static RgbImage ResizeToFit(RgbImage source, ImageSize box)
    {
        ArgumentNullException.ThrowIfNull(source);
        ImageSize size = FitWithin(new ImageSize(source.Width, source.Height), box);
        return Resize(source, size.Width, size.Height);
    }
}

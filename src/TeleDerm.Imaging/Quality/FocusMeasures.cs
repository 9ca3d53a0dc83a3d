namespace TeleDerm.Imaging.Quality;

/// <summary>
/// Two no-reference measures of focus on a luminance plane. <see cref="Blur"/> (Crété-Roffet et al., "The blur effect:
/// perception and estimation with a new no-reference perceptual blur metric", SPIE 2007) blurs the image again and
/// asks how much of its local contrast that removes: little when it was already blurred. It is a ratio, so it depends
/// less on how much contrast the subject has than <see cref="LaplacianVariance"/>, the classic "variance of the
/// Laplacian", which a smooth naevus on smooth skin keeps low even when sharp. Both are reported; the check uses the
/// one that separated sharp from blurred photos better on the labelled set (docs/photo-quality.md).
/// </summary>
internal static class FocusMeasures
{
    /// <summary>Taps of the box filter that re-blurs the image (the paper's 9).</summary>
    private const int ReblurTaps = 9;

    /// <summary>0 for a sharp image, towards 1 for a blurred one: the larger of the horizontal and vertical estimates.</summary>
    public static double Blur(LumaPlane luma) =>
        Math.Max(DirectionalBlur(luma, dx: 1, dy: 0), DirectionalBlur(luma, dx: 0, dy: 1));

    public static double LaplacianVariance(LumaPlane luma)
    {
        int w = luma.Width, h = luma.Height;
        if (w < 3 || h < 3)
        {
            return 0;
        }
        double sum = 0, sumSquares = 0;
        long n = 0;
        for (var y = 1; y < h - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                double lap = luma[x - 1, y] + luma[x + 1, y] + luma[x, y - 1] + luma[x, y + 1] - 4 * luma[x, y];
                sum += lap;
                sumSquares += lap * lap;
                n++;
            }
        }
        var mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    private static double DirectionalBlur(LumaPlane luma, int dx, int dy)
    {
        int w = luma.Width, h = luma.Height;
        var length = dx == 1 ? w : h;
        var lines = dx == 1 ? h : w;
        if (length <= ReblurTaps)
        {
            return 1;
        }
        var line = new float[length];
        var blurred = new float[length];
        double originalVariation = 0, lostVariation = 0;
        for (var l = 0; l < lines; l++)
        {
            for (var i = 0; i < length; i++)
            {
                line[i] = dx == 1 ? luma[i, l] : luma[l, i];
            }
            BoxFilter(line, blurred);
            for (var i = 1; i < length; i++)
            {
                var original = Math.Abs(line[i] - line[i - 1]);
                var reblurred = Math.Abs(blurred[i] - blurred[i - 1]);
                originalVariation += original;
                // What the re-blur removed from this pixel's contrast.
                lostVariation += Math.Max(0, original - reblurred);
            }
        }
        return originalVariation == 0 ? 1 : (originalVariation - lostVariation) / originalVariation;
    }

    /// <summary>A moving average of <see cref="ReblurTaps"/> samples, the ends repeated.</summary>
    private static void BoxFilter(float[] line, float[] output)
    {
        const int half = ReblurTaps / 2;
        var n = line.Length;
        double window = 0;
        for (var k = -half; k <= half; k++)
        {
            window += line[Math.Clamp(k, 0, n - 1)];
        }
        for (var i = 0; i < n; i++)
        {
            output[i] = (float)(window / ReblurTaps);
            window += line[Math.Min(i + half + 1, n - 1)] - line[Math.Max(i - half, 0)];
        }
    }
}

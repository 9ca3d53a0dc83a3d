using TeleDerm.Imaging;

namespace TeleDerm.SampleImages.Tests.Support;

/// <summary>
/// Measurements read back from decoded pixels, independent of how the generator drew them: ruler ticks,
/// the dark blob of the lesion, its colours and the irregularity of its outline.
/// </summary>
internal static class PixelAnalysis
{
    /// <summary>
    /// Removes hairs as DullRazor does: a grey-level closing (largest then smallest value over a 13×13 square)
    /// of each channel fills dark lines thinner than the square and keeps larger areas as they are.
    /// </summary>
    public static RgbImage WithoutHair(RgbImage image)
    {
        int w = image.Width, h = image.Height;
        var result = RgbImage.CreateBlank(w, h);
        for (int channel = 0; channel < 3; channel++)
        {
            var values = new double[w * h];
            for (int i = 0; i < values.Length; i++) values[i] = image.Pixels[3 * i + channel];
            double[] closed = Extreme(Extreme(values, w, h, 6, max: true), w, h, 6, max: false);
            for (int i = 0; i < values.Length; i++) result.Pixels[3 * i + channel] = (byte)closed[i];
        }
        return result;
    }

    /// <summary>Square max or min filter of radius <paramref name="r"/>, separable: rows then columns.</summary>
    private static double[] Extreme(double[] values, int w, int h, int r, bool max)
    {
        var rows = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double v = values[y * w + x];
                for (int k = Math.Max(0, x - r); k <= Math.Min(w - 1, x + r); k++)
                    v = max ? Math.Max(v, values[y * w + k]) : Math.Min(v, values[y * w + k]);
                rows[y * w + x] = v;
            }
        var result = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double v = rows[y * w + x];
                for (int k = Math.Max(0, y - r); k <= Math.Min(h - 1, y + r); k++)
                    v = max ? Math.Max(v, rows[k * w + x]) : Math.Min(v, rows[k * w + x]);
                result[y * w + x] = v;
            }
        return result;
    }

    public static double[] Luminance(RgbImage image)
    {
        var lum = new double[image.Width * image.Height];
        byte[] p = image.Pixels;
        for (int i = 0; i < lum.Length; i++)
            lum[i] = 0.299 * p[3 * i] + 0.587 * p[3 * i + 1] + 0.114 * p[3 * i + 2];
        return lum;
    }

    /// <summary>
    /// Finds the row crossing the most thin dark marks on a light strip in the lower part of the image (the
    /// ruler's millimetre ticks) and returns the mean distance between neighbouring tick centres, in pixels.
    /// </summary>
    public static (double Spacing, int Ticks) RulerTickSpacing(RgbImage image)
    {
        double[] lum = Luminance(image);
        int w = image.Width;
        List<double> best = [];
        for (int y = image.Height * 3 / 4; y < image.Height; y++)
        {
            var centres = new List<double>();
            int x = 0;
            while (x < w)
            {
                if (lum[y * w + x] >= 110) { x++; continue; }
                int start = x;
                while (x < w && lum[y * w + x] < 110) x++;
                bool thin = x - start <= 12;
                bool lightAround = start >= 3 && x + 2 < w && IsPlastic(image, y * w + start - 3, lum) && IsPlastic(image, y * w + x + 2, lum);
                if (thin && lightAround) centres.Add((start + x - 1) / 2.0);
            }
            List<double> chain = LongestEvenChain(centres);
            if (chain.Count > best.Count) best = chain;
        }
        return best.Count < 2 ? (double.NaN, best.Count) : ((best[^1] - best[0]) / (best.Count - 1), best.Count);
    }

    /// <summary>
    /// The longest run of marks whose every gap is within 25 % of the row's median gap: a hair or a missed tick
    /// breaks the run instead of skewing the spacing.
    /// </summary>
    private static List<double> LongestEvenChain(List<double> centres)
    {
        if (centres.Count < 2) return centres;
        double[] gaps = [.. centres.Zip(centres.Skip(1), (a, b) => b - a)];
        double median = gaps.Order().ElementAt(gaps.Length / 2);
        int bestStart = 0, bestLength = 1, start = 0;
        for (int i = 0; i < gaps.Length; i++)
        {
            if (Math.Abs(gaps[i] - median) > 0.25 * median) { start = i + 1; continue; }
            if (i + 2 - start > bestLength) (bestStart, bestLength) = (start, i + 2 - start);
        }
        return centres.GetRange(bestStart, bestLength);
    }

    /// <summary>The ruler's plastic: light and nearly grey, where skin of any type is tinted (red well above blue).</summary>
    private static bool IsPlastic(RgbImage image, int i, double[] lum) =>
        lum[i] > 170 && image.Pixels[3 * i] - image.Pixels[3 * i + 2] < 0.14 * image.Pixels[3 * i];

    /// <summary>
    /// The lesion as the largest dark blob: luminance smoothed over 5×5 pixels, darker than
    /// <paramref name="darkness"/> × the local skin level, then opened with a 9×9 square so hairs and ruler
    /// ticks fall away. Skin level: the median of the central disc for dermoscopy (the field's falloff is
    /// slow), a 301-pixel local mean for a clinical photo (its lamp makes one side brighter; there the darkest
    /// blob is taken, as the skin along the bright ruler also reads darker than its surroundings).
    /// </summary>
    public static bool[] LesionMask(RgbImage image, bool dermoscopic, double darkness = 0.88)
    {
        int w = image.Width, h = image.Height;
        double[] smooth = BoxMean(Luminance(image), w, h, 2);
        var dark = new bool[w * h];
        if (dermoscopic)
        {
            double radius = 0.45 * w;
            var disc = new List<double>();
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    if ((x - w / 2.0) * (x - w / 2.0) + (y - h / 2.0) * (y - h / 2.0) < radius * radius) disc.Add(smooth[y * w + x]);
            disc.Sort();
            double skin = disc[disc.Count / 2];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    dark[y * w + x] = smooth[y * w + x] < darkness * skin
                        && (x - w / 2.0) * (x - w / 2.0) + (y - h / 2.0) * (y - h / 2.0) < radius * radius;
        }
        else
        {
            double[] local = BoxMean(smooth, w, h, 150);
            for (int i = 0; i < dark.Length; i++) dark[i] = smooth[i] < darkness * local[i];
        }
        bool[] opened = Dilate(Erode(dark, w, h, 4), w, h, 4);
        return dermoscopic ? Component(opened, w, h, (size, _) => size) : Component(opened, w, h, (size, sum) => size >= 300 ? -sum / size : double.MinValue, smooth);
    }

    /// <summary>The largest distance between two pixels of the mask (pixel centres), in pixels.</summary>
    public static double FeretDiameter(bool[] mask, int w, int h)
    {
        var edge = new List<(int X, int Y)>();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (mask[y * w + x] && (x == 0 || y == 0 || x == w - 1 || y == h - 1
                    || !mask[y * w + x - 1] || !mask[y * w + x + 1] || !mask[(y - 1) * w + x] || !mask[(y + 1) * w + x]))
                    edge.Add((x, y));
        long best = 0;
        for (int i = 0; i < edge.Count; i++)
            for (int j = i + 1; j < edge.Count; j++)
            {
                long dx = edge[i].X - edge[j].X, dy = edge[i].Y - edge[j].Y;
                best = Math.Max(best, dx * dx + dy * dy);
            }
        // Pixel centres span one pixel less than the blob's extent.
        return Math.Sqrt(best) + 1;
    }

    /// <summary>Perimeter² / (4π × area): 1 for a disc, larger for a notched, lobed outline.</summary>
    public static double Irregularity(bool[] mask, int w, int h)
    {
        long area = 0, perimeter = 0;
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                if (!mask[y * w + x]) continue;
                area++;
                if (!mask[y * w + x - 1]) perimeter++;
                if (!mask[y * w + x + 1]) perimeter++;
                if (!mask[(y - 1) * w + x]) perimeter++;
                if (!mask[(y + 1) * w + x]) perimeter++;
            }
        // Pixel edges overcount a smooth outline by 4/π; divide it out so a disc scores about 1.
        double p = perimeter * Math.PI / 4;
        return p * p / (4 * Math.PI * area);
    }

    /// <summary>
    /// How many of the dermoscopic colours cover at least 3 % of the lesion: light brown, dark brown, black,
    /// blue-grey, white. Judged against the skin around (its luminance and its chroma), so the skin type does
    /// not decide: browns are as warm as skin or warmer, blue-grey and white are much greyer than skin.
    /// </summary>
    public static int ColourCount(RgbImage image, bool[] mask, Skin skin) => ColourShares(image, mask, skin).Count(c => c >= 0.03);

    /// <summary>Share of the lesion's pixels in each colour: light brown, dark brown, black, blue-grey, white.</summary>
    public static double[] ColourShares(RgbImage image, bool[] mask, Skin skin)
    {
        byte[] p = image.Pixels;
        var counts = new int[5];
        int total = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i]) continue;
            total++;
            double r = p[3 * i], g = p[3 * i + 1], b = p[3 * i + 2];
            double lum = 0.299 * r + 0.587 * g + 0.114 * b;
            double relative = lum / skin.Luminance, chroma = (r - b) / Math.Max(lum, 1);
            bool grey = chroma < 0.5 * skin.Chroma;
            int colour = grey ? (relative > 0.75 ? 4 : 3)
                : relative < 0.27 ? 2
                : relative < 0.6 ? 1
                : 0;
            counts[colour]++;
        }
        return [.. counts.Select(c => (double)c / total)];
    }

    /// <summary>Skin level: median luminance and median chroma (red − blue over luminance) outside the mask, within the central disc.</summary>
    public readonly record struct Skin(double Luminance, double Chroma);

    public static Skin SkinAround(RgbImage image, bool[] mask, double radius)
    {
        int w = image.Width, h = image.Height;
        byte[] p = image.Pixels;
        var lums = new List<double>();
        var chromas = new List<double>();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                if (mask[i] || (x - w / 2.0) * (x - w / 2.0) + (y - h / 2.0) * (y - h / 2.0) >= radius * radius) continue;
                double lum = 0.299 * p[3 * i] + 0.587 * p[3 * i + 1] + 0.114 * p[3 * i + 2];
                lums.Add(lum);
                chromas.Add((p[3 * i] - p[3 * i + 2]) / Math.Max(lum, 1));
            }
        lums.Sort();
        chromas.Sort();
        return new Skin(lums[lums.Count / 2], chromas[chromas.Count / 2]);
    }

    private static double[] BoxMean(double[] values, int w, int h, int r)
    {
        // Integral image; the window is clipped at the borders.
        var sum = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++)
        {
            double row = 0;
            for (int x = 0; x < w; x++)
            {
                row += values[y * w + x];
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        var mean = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int x0 = Math.Max(0, x - r), x1 = Math.Min(w, x + r + 1), y0 = Math.Max(0, y - r), y1 = Math.Min(h, y + r + 1);
                double s = sum[y1 * (w + 1) + x1] - sum[y0 * (w + 1) + x1] - sum[y1 * (w + 1) + x0] + sum[y0 * (w + 1) + x0];
                mean[y * w + x] = s / ((x1 - x0) * (y1 - y0));
            }
        return mean;
    }

    private static bool[] Erode(bool[] mask, int w, int h, int r) => Filter(mask, w, h, r, all: true);

    private static bool[] Dilate(bool[] mask, int w, int h, int r) => Filter(mask, w, h, r, all: false);

    /// <summary>Square min (erode) or max (dilate) filter, separable: rows then columns.</summary>
    private static bool[] Filter(bool[] mask, int w, int h, int r, bool all)
    {
        var rows = new bool[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                bool v = all;
                for (int k = Math.Max(0, x - r); k <= Math.Min(w - 1, x + r); k++)
                    v = all ? v && mask[y * w + k] : v || mask[y * w + k];
                rows[y * w + x] = v;
            }
        var result = new bool[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                bool v = all;
                for (int k = Math.Max(0, y - r); k <= Math.Min(h - 1, y + r); k++)
                    v = all ? v && rows[k * w + x] : v || rows[k * w + x];
                result[y * w + x] = v;
            }
        return result;
    }

    /// <summary>The 4-connected component with the best score (from its size and its sum of <paramref name="values"/>).</summary>
    private static bool[] Component(bool[] mask, int w, int h, Func<int, double, double> score, double[]? values = null)
    {
        var label = new int[w * h];
        int bestLabel = 0, next = 0;
        double bestScore = double.MinValue;
        var stack = new Stack<int>();
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || label[start] != 0) continue;
            next++;
            int size = 0;
            double sum = 0;
            stack.Push(start);
            label[start] = next;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                size++;
                sum += values?[i] ?? 0;
                int x = i % w, y = i / w;
                foreach (int j in (ReadOnlySpan<int>)[x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1])
                {
                    if (j < 0 || !mask[j] || label[j] != 0) continue;
                    label[j] = next;
                    stack.Push(j);
                }
            }
            double s = score(size, sum);
            if (s > bestScore) (bestScore, bestLabel) = (s, next);
        }
        var result = new bool[w * h];
        for (int i = 0; i < result.Length; i++) result[i] = bestLabel != 0 && label[i] == bestLabel;
        return result;
    }
}

namespace TeleDerm.Imaging.Quality;

/// <summary>Where the lesion sits in a dermoscopic photo: its share of the frame and how far its centre is from the frame's.</summary>
/// <param name="AreaFraction">The lesion's pixels over the frame's (0–1).</param>
/// <param name="CentreOffset">The larger of the horizontal and vertical distances from the frame's centre to the lesion's, over the frame's width and height (0 centred, 0.5 at an edge).</param>
public sealed record LesionFraming(double AreaFraction, double CentreOffset)
{
    /// <summary>Skin pixels darker than this (the black corners of a dermatoscope's round field) are neither skin nor lesion.</summary>
    private const float Vignette = 12;

    /// <summary>
    /// Finds the lesion as the largest connected region darker than the skin around the frame's edge (a simpler
    /// form of the risk model's mask, docs: risk-model.md): the skin's brightness is the median of the border ring
    /// (without black corners), each pixel's darkness is its relative drop from it, and the threshold between
    /// lesion and skin is found by ISODATA. Null when nothing stands out (a blank or uniform photo).
    /// </summary>
    internal static LesionFraming? Find(LumaPlane luma)
    {
        int w = luma.Width, h = luma.Height;
        var skin = SkinLuma(luma);
        if (skin < 2 * Vignette)
        {
            return null;
        }
        var outside = OutsideField(luma, Math.Max(Vignette, 0.35f * skin));
        var darkness = new float[w * h];
        for (var i = 0; i < darkness.Length; i++)
        {
            var l = luma.Values[i];
            darkness[i] = l < Vignette || outside[i] ? 0 : Math.Max(0, (skin - l) / skin);
        }
        var threshold = Math.Max(Isodata(darkness), 0.08f);
        var mask = new bool[darkness.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = darkness[i] > threshold;
        }
        return LargestRegion(mask, w, h) is { Count: > 0 } region
            ? new LesionFraming(
                (double)region.Count / mask.Length,
                Math.Max(Math.Abs(region.CentreX / w - 0.5), Math.Abs(region.CentreY / h - 0.5)))
            : null;
    }

    /// <summary>
    /// The dermatoscope's dark surround: pixels darker than <paramref name="limit"/> reached from the frame's edge through
    /// other such pixels. A lesion is rarely that dark where it meets the edge; the round field's corners always are.
    /// </summary>
    private static bool[] OutsideField(LumaPlane luma, float limit)
    {
        int w = luma.Width, h = luma.Height;
        var outside = new bool[w * h];
        var stack = new Stack<int>();
        void Visit(int i)
        {
            if (!outside[i] && luma.Values[i] < limit)
            {
                outside[i] = true;
                stack.Push(i);
            }
        }
        for (var x = 0; x < w; x++) { Visit(x); Visit((h - 1) * w + x); }
        for (var y = 0; y < h; y++) { Visit(y * w); Visit(y * w + w - 1); }
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            int x = i % w, y = i / w;
            if (x > 0) Visit(i - 1);
            if (x < w - 1) Visit(i + 1);
            if (y > 0) Visit(i - w);
            if (y < h - 1) Visit(i + w);
        }
        return outside;
    }

    /// <summary>The median brightness of a ring one sixteenth of the frame wide along its edge, leaving out black corners.</summary>
    private static float SkinLuma(LumaPlane luma)
    {
        int w = luma.Width, h = luma.Height;
        var ring = Math.Max(2, Math.Min(w, h) / 16);
        var values = new List<float>();
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var onRing = x < ring || y < ring || x >= w - ring || y >= h - ring;
                if (onRing && luma[x, y] >= 3 * Vignette)
                {
                    values.Add(luma[x, y]);
                }
            }
        }
        if (values.Count == 0)
        {
            return luma.Percentile(0.9);
        }
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Iterative intermeans (Ridler–Calvard): the threshold halfway between the means of the two classes it makes.</summary>
    private static float Isodata(float[] values)
    {
        var t = values.Average();
        for (var iteration = 0; iteration < 8; iteration++)
        {
            double above = 0, below = 0;
            long nAbove = 0, nBelow = 0;
            foreach (var v in values)
            {
                if (v > t) { above += v; nAbove++; } else { below += v; nBelow++; }
            }
            if (nAbove == 0 || nBelow == 0)
            {
                break;
            }
            t = (float)((above / nAbove + below / nBelow) / 2);
        }
        return t;
    }

    private readonly record struct Region(int Count, double CentreX, double CentreY);

    /// <summary>The largest 4-connected region of the mask, with its centroid (pixel centres).</summary>
    private static Region LargestRegion(bool[] mask, int w, int h)
    {
        var seen = new bool[mask.Length];
        var stack = new Stack<int>();
        var best = new Region(0, 0, 0);
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || seen[start])
            {
                continue;
            }
            int count = 0;
            double sumX = 0, sumY = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % w, y = i / w;
                count++;
                sumX += x + 0.5;
                sumY += y + 0.5;
                if (x > 0) Visit(i - 1);
                if (x < w - 1) Visit(i + 1);
                if (y > 0) Visit(i - w);
                if (y < h - 1) Visit(i + w);
            }
            if (count > best.Count)
            {
                best = new Region(count, sumX / count, sumY / count);
            }
        }
        return best;

        void Visit(int j)
        {
            if (mask[j] && !seen[j])
            {
                seen[j] = true;
                stack.Push(j);
            }
        }
    }
}

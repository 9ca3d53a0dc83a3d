namespace TeleDerm.Imaging.Resizing;

/// <summary>
/// One axis of a separable resampling: for each output sample, the source samples and weights.
/// Downscaling uses area averaging (each output pixel is the exact mean of the source area it covers,
/// partial pixels weighted by overlap): no aliasing, no ringing, no negative lobes to clip, which keeps
/// lesion colours faithful for model input. Upscaling uses bilinear interpolation with pixel centres
/// at +0.5, so an image scaled by 1 is unchanged.
/// </summary>
internal sealed class ResampleWeights
{
    private ResampleWeights(int[] first, int[] count, float[] weights, int taps)
    {
        First = first;
        Count = count;
        Weights = weights;
        Taps = taps;
    }

    /// <summary>Index of the first source sample for each output sample.</summary>
    public int[] First { get; }

    /// <summary>Number of source samples used by each output sample.</summary>
    public int[] Count { get; }

    /// <summary>Weights, <see cref="Taps"/> per output sample; each group sums to 1.</summary>
    public float[] Weights { get; }

    public int Taps { get; }

    public static ResampleWeights Create(int sourceLength, int targetLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetLength);
        return targetLength <= sourceLength ? AreaAverage(sourceLength, targetLength) : Bilinear(sourceLength, targetLength);
    }

    private static ResampleWeights AreaAverage(int source, int target)
    {
        double scale = (double)source / target;
        int taps = (int)Math.Ceiling(scale) + 1;
        var first = new int[target];
        var count = new int[target];
        var weights = new float[target * taps];
        for (int i = 0; i < target; i++)
        {
            double start = i * scale;
            double end = Math.Min(source, (i + 1) * scale);
            int lo = (int)Math.Floor(start);
            int hi = Math.Min(source, (int)Math.Ceiling(end));
            first[i] = lo;
            count[i] = hi - lo;
            for (int s = lo; s < hi; s++)
            {
                double overlap = Math.Min(end, s + 1) - Math.Max(start, s);
                weights[(i * taps) + (s - lo)] = (float)(overlap / scale);
            }
        }

        return new ResampleWeights(first, count, weights, taps);
    }

    private static ResampleWeights Bilinear(int source, int target)
    {
        double scale = (double)source / target;
        const int taps = 2;
        var first = new int[target];
        var count = new int[target];
        var weights = new float[target * taps];
        for (int i = 0; i < target; i++)
        {
            double centre = Math.Clamp(((i + 0.5) * scale) - 0.5, 0, source - 1);
            int left = Math.Min((int)Math.Floor(centre), Math.Max(0, source - 2));
            double frac = centre - left;
            first[i] = left;
            count[i] = source == 1 ? 1 : 2;
            weights[i * taps] = (float)(source == 1 ? 1 : 1 - frac);
            weights[(i * taps) + 1] = (float)(source == 1 ? 0 : frac);
        }

        return new ResampleWeights(first, count, weights, taps);
    }
}

using TeleDerm.Imaging.Resizing;

namespace TeleDerm.Imaging.Quality;

/// <summary>What the photo checks look at, measured once per photo (docs/photo-quality.md).</summary>
/// <param name="Width">The photo's width as stored, upright.</param>
/// <param name="Height">The photo's height as stored, upright.</param>
/// <param name="Blur">Crété-Roffet blur, 0 sharp to 1 blurred, at the analysis size.</param>
/// <param name="LaplacianVariance">Variance of the Laplacian at the analysis size (reported beside <paramref name="Blur"/>).</param>
/// <param name="ClippedFraction">Share of pixels with a channel at 250 or more: highlights with no detail left.</param>
/// <param name="BlackFraction">Share of pixels with a luminance under 10.</param>
/// <param name="WhiteFraction">Share of pixels with a luminance of 250 or more.</param>
/// <param name="BrightLuma">The 90th percentile of luminance: how bright the lit skin is, whatever the dark lesion or the dermatoscope's black corners.</param>
/// <param name="Lesion">Where the lesion sits, or null when none stands out.</param>
public sealed record PhotoMeasures(int Width, int Height, double Blur, double LaplacianVariance, double ClippedFraction,
    double BlackFraction, double WhiteFraction, double BrightLuma, LesionFraming? Lesion)
{
    /// <summary>
    /// Focus and exposure are measured with the photo's longest side brought down to this: the size of the labelled
    /// photos the thresholds were chosen and measured on. Blur that only shows when zoomed in further is not seen.
    /// </summary>
    public const int AnalysisSide = 256;

    /// <summary>The lesion is found on a small copy: its outline, not its texture, is what matters.</summary>
    private const int FramingSide = 128;

    /// <summary>Measures an upright photo of <paramref name="width"/>×<paramref name="height"/> from a copy decoded at or above the analysis size.</summary>
    public static PhotoMeasures Of(RgbImage decoded, int width, int height)
    {
        var analysed = ImageResizer.ResizeToFit(decoded, new ImageSize(AnalysisSide, AnalysisSide));
        var luma = LumaPlane.Of(analysed);
        var small = LumaPlane.Of(ImageResizer.ResizeToFit(analysed, new ImageSize(FramingSide, FramingSide)));
        return new PhotoMeasures(width, height, FocusMeasures.Blur(luma), FocusMeasures.LaplacianVariance(luma),
            ClippedShare(analysed), luma.Values.Count(v => v < 10) / (double)luma.Values.Length, luma.Values.Count(v => v >= 250) / (double)luma.Values.Length, luma.Percentile(0.9),
            LesionFraming.Find(small));
    }

    /// <summary>Decodes the photo (JPEG at the smallest DCT scale that keeps the analysis size) and measures it.</summary>
    /// <exception cref="ImageDecodeException">Not an image we can read, or over the limits.</exception>
    public static PhotoMeasures Of(ReadOnlySpan<byte> photo, DecodeLimits limits)
    {
        var header = ImageDecoder.Identify(photo, limits);
        var decoded = ImageDecoder.Decode(photo, new DecodeOptions { Limits = limits, AtLeast = AnalysisSize(header.Width, header.Height) });
        // The header's size is before EXIF rotation; the decoded copy's shape says which way up the photo is.
        var (width, height) = decoded.Image.Width >= decoded.Image.Height == header.Width >= header.Height
            ? (header.Width, header.Height) : (header.Height, header.Width);
        return Of(decoded.Image, width, height);
    }

    /// <summary>The decode size whose fit within the analysis square is the analysis size itself.</summary>
    private static ImageSize AnalysisSize(int width, int height)
    {
        var fit = ImageResizer.FitWithin(new ImageSize(width, height), new ImageSize(AnalysisSide, AnalysisSide));
        return width >= height ? new ImageSize(fit.Width, 1) : new ImageSize(1, fit.Height);
    }

    private static double ClippedShare(RgbImage image)
    {
        var p = image.Pixels;
        long clipped = 0;
        for (var i = 0; i < p.Length; i += 3)
        {
            if (p[i] >= 250 || p[i + 1] >= 250 || p[i + 2] >= 250)
            {
                clipped++;
            }
        }
        return clipped / (double)(image.Width * image.Height);
    }
}

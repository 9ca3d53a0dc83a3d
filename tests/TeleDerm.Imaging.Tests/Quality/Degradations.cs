using TeleDerm.Imaging.Resizing;

namespace TeleDerm.Imaging.Tests.Quality;

/// <summary>
/// The faults the photo checks look for, made on purpose from good photos (the labelled set's positives): defocus,
/// a low-resolution photo enlarged, burnt-out and dark exposures, the lesion pushed to a corner or shrunk in the frame.
/// Each is deterministic, so the evaluation gives the same figures on every run.
/// </summary>
internal static class Degradations
{
    /// <summary>Defocus as a Gaussian blur of standard deviation <paramref name="sigma"/> pixels (separable, edges repeated).</summary>
    public static RgbImage Blur(RgbImage image, double sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-k * k / (2 * sigma * sigma))).ToArray();
        var total = kernel.Sum();
        var weights = kernel.Select(k => k / total).ToArray();
        var horizontal = Convolve(image, weights, horizontal: true);
        return Convolve(horizontal, weights, horizontal: false);
    }

    /// <summary>A photo taken at 1/<paramref name="factor"/> of the resolution and enlarged back: soft, with no fine detail.</summary>
    public static RgbImage Enlarged(RgbImage image, int factor) =>
        ImageResizer.Resize(ImageResizer.Resize(image, image.Width / factor, image.Height / factor), image.Width, image.Height);

    /// <summary>Every channel times <paramref name="gain"/>, clipped: over-exposed above 1, under-exposed below.</summary>
    public static RgbImage Exposure(RgbImage image, double gain)
    {
        var pixels = image.Pixels.Select(p => (byte)Math.Clamp(Math.Round(p * gain), 0, 255)).ToArray();
        return new RgbImage(image.Width, image.Height, pixels);
    }

    /// <summary>
    /// The lesion near a corner: a window of <paramref name="share"/> of the frame taken at the top-left or bottom-right
    /// corner (the set's lesions are near the centre, so the crop puts them towards the far corner), enlarged back.
    /// </summary>
    public static RgbImage OffCentre(RgbImage image, double share, bool topLeft)
    {
        int w = (int)(image.Width * share), h = (int)(image.Height * share);
        int x0 = topLeft ? 0 : image.Width - w, y0 = topLeft ? 0 : image.Height - h;
        var crop = RgbImage.CreateBlank(w, h);
        for (var y = 0; y < h; y++)
        {
            Array.Copy(image.Pixels, ((y0 + y) * image.Width + x0) * 3, crop.Pixels, y * w * 3, w * 3);
        }
        return ImageResizer.Resize(crop, image.Width, image.Height);
    }

    /// <summary>
    /// The lesion small in the frame: the photo shrunk to <paramref name="share"/> of its size in the middle of a frame of
    /// the skin's colour (the median of its border) with a little seeded grain, as if taken from further away.
    /// </summary>
    public static RgbImage SmallInFrame(RgbImage image, double share, int seed)
    {
        var skin = BorderMedian(image);
        var random = new Random(seed);
        var frame = RgbImage.CreateBlank(image.Width, image.Height);
        for (var i = 0; i < frame.Pixels.Length; i += 3)
        {
            var grain = random.Next(-4, 5);
            for (var c = 0; c < 3; c++)
            {
                frame.Pixels[i + c] = (byte)Math.Clamp(skin[c] + grain, 0, 255);
            }
        }
        var small = ImageResizer.Resize(image, (int)(image.Width * share), (int)(image.Height * share));
        int x0 = (image.Width - small.Width) / 2, y0 = (image.Height - small.Height) / 2;
        for (var y = 0; y < small.Height; y++)
        {
            Array.Copy(small.Pixels, y * small.Width * 3, frame.Pixels, ((y0 + y) * image.Width + x0) * 3, small.Width * 3);
        }
        return frame;
    }

    private static byte[] BorderMedian(RgbImage image)
    {
        var ring = Math.Max(2, Math.Min(image.Width, image.Height) / 16);
        var channels = new[] { new List<byte>(), new List<byte>(), new List<byte>() };
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = (y * image.Width + x) * 3;
                var onRing = x < ring || y < ring || x >= image.Width - ring || y >= image.Height - ring;
                // The dermatoscope's black corners are not skin.
                if (onRing && image.Pixels[i] + image.Pixels[i + 1] + image.Pixels[i + 2] > 90)
                {
                    for (var c = 0; c < 3; c++) channels[c].Add(image.Pixels[i + c]);
                }
            }
        }
        return [.. channels.Select(values => values.Count == 0 ? (byte)180 : values.Order().ElementAt(values.Count / 2))];
    }

    private static RgbImage Convolve(RgbImage image, double[] weights, bool horizontal)
    {
        int w = image.Width, h = image.Height, radius = weights.Length / 2;
        var output = RgbImage.CreateBlank(w, h);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    double sum = 0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        int sx = horizontal ? Math.Clamp(x + k, 0, w - 1) : x, sy = horizontal ? y : Math.Clamp(y + k, 0, h - 1);
                        sum += weights[k + radius] * image.Pixels[(sy * w + sx) * 3 + c];
                    }
                    output.Pixels[(y * w + x) * 3 + c] = (byte)Math.Clamp(Math.Round(sum), 0, 255);
                }
            }
        }
        return output;
    }
}

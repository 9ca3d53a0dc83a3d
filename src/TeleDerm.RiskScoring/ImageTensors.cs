using TeleDerm.Imaging;
using TeleDerm.Inference;
using TeleDerm.Inference.Models;

namespace TeleDerm.RiskScoring;

/// <summary>
/// Turns a photo into the model's image tensor exactly as its card says. The model builder uses the same
/// code to compute training features, so training and serving see identical input.
/// </summary>
public static class ImageTensors
{
    public static FloatTensor FromPhoto(ReadOnlySpan<byte> photo, ImageInputSpec spec) =>
        FromRgb(Thumbnails.ForModelInput(photo, new ImageSize(spec.Width, spec.Height)), spec);

    public static FloatTensor FromRgb(RgbImage image, ImageInputSpec spec)
    {
        if (image.Width != spec.Width || image.Height != spec.Height)
            throw new ArgumentException($"The image is {image.Width}×{image.Height}, the model takes {spec.Width}×{spec.Height}.", nameof(image));
        Normalization n = spec.Normalization;
        // Per channel: value = (pixel · scale − mean) / std, as a lookup table per channel.
        var tables = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            tables[c] = new float[256];
            for (int p = 0; p < 256; p++)
                tables[c][p] = (float)((p * n.Scale - n.Mean[c]) / n.Std[c]);
        }
        int pixels = image.Width * image.Height;
        var values = new float[pixels * 3];
        byte[] rgb = image.Pixels;
        if (spec.Layout == TensorLayout.NCHW)
        {
            for (int i = 0; i < pixels; i++)
            {
                values[i] = tables[0][rgb[i * 3]];
                values[pixels + i] = tables[1][rgb[i * 3 + 1]];
                values[2 * pixels + i] = tables[2][rgb[i * 3 + 2]];
            }
            return new FloatTensor(values, [1, 3, spec.Height, spec.Width]);
        }
        for (int i = 0; i < values.Length; i++)
            values[i] = tables[i % 3][rgb[i]];
        return new FloatTensor(values, [1, spec.Height, spec.Width, 3]);
    }
}

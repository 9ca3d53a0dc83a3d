using TeleDerm.Imaging.Native;

namespace TeleDerm.Imaging.Codecs;

/// <summary>
/// Cuts rectangles out of a JPEG without decoding it: TurboJPEG copies the DCT coefficients of the blocks inside
/// each rectangle into a JPEG of its own (what <c>jpegtran -crop</c> does), so every pixel of a piece is the
/// pixel of the photo, bit for bit, and the photo's entropy-coded data is read once for all the pieces. A
/// rectangle must start on the photo's MCU grid (multiples of 16 pixels cover every subsampling a camera uses).
/// </summary>
public static unsafe class JpegLosslessCrop
{
    /// <summary>The MCU grid every crop's origin must lie on.</summary>
    public const int Alignment = 16;

    /// <exception cref="ImageDecodeException">The bytes are not a JPEG TurboJPEG can read.</exception>
    public static byte[][] Crop(ReadOnlySpan<byte> jpeg, IReadOnlyList<(int X, int Y, int Width, int Height)> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            return [];
        }
        foreach (var (x, y, width, height) in regions)
        {
            if (x < 0 || y < 0 || width <= 0 || height <= 0 || x % Alignment != 0 || y % Alignment != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(regions), $"The region {x},{y} {width}×{height} does not start on the {Alignment}-pixel grid.");
            }
        }

        TurboJpegNative tj = TurboJpegNative.Instance;
        using TurboJpegHandle handle = TurboJpegHandle.ForTransform();
        using var lease = new HandleLease(handle);
        var transforms = new TjTransform[regions.Count];
        for (var i = 0; i < transforms.Length; i++)
        {
            var (x, y, width, height) = regions[i];
            transforms[i] = new TjTransform
            {
                Region = new TjRegion { X = x, Y = y, Width = width, Height = height },
                Operation = TurboJpegNative.TransformNone,
                Options = TurboJpegNative.TransformCrop | TurboJpegNative.TransformCopyNone,
            };
        }
        var outputs = new byte*[regions.Count];
        var sizes = new nuint[regions.Count];
        try
        {
            fixed (byte* source = jpeg)
            fixed (byte** destinations = outputs)
            fixed (nuint* destinationSizes = sizes)
            fixed (TjTransform* transform = transforms)
            {
                // Null destinations let TurboJPEG allocate each output; they are freed with tjFree below.
                if (tj.Transform(lease.Pointer, source, (nuint)jpeg.Length, transforms.Length, destinations, destinationSizes, transform, 0) != 0)
                {
                    throw new ImageDecodeException(ImageDecodeFailure.Corrupt, $"The JPEG could not be cut into tiles: {tj.ErrorText(lease.Pointer)}");
                }
            }
            var pieces = new byte[regions.Count][];
            for (var i = 0; i < pieces.Length; i++)
            {
                pieces[i] = new ReadOnlySpan<byte>(outputs[i], checked((int)sizes[i])).ToArray();
            }
            return pieces;
        }
        finally
        {
            foreach (var output in outputs)
            {
                if (output != null)
                {
                    tj.Free(output);
                }
            }
        }
    }
}

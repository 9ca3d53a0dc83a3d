namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>Interleaved 8-bit RGB (R, G, B per pixel, row by row) stored as native Pixel Data in Explicit VR Little Endian.</summary>
public sealed class NativeRgbPixels : PhotoPixels
{
    /// <exception cref="ArgumentOutOfRangeException">width or height is not 1 to 65535.</exception>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> does not hold width × height × 3 bytes.</exception>
    public NativeRgbPixels(int width, int height, byte[] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        CheckSize(width, nameof(width), "Columns");
        CheckSize(height, nameof(height), "Rows");
        var expected = (long)width * height * 3;
        if (rgb.LongLength != expected)
            throw new ArgumentException($"native RGB of {width} × {height} pixels needs {expected} bytes (3 per pixel, interleaved), got {rgb.LongLength}", nameof(rgb));
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public byte[] Rgb { get; }

    public override int Width { get; }

    public override int Height { get; }

    // Deflated: uncompressed RGB would make a small PNG of a large, flat picture a file a hundred times its size.
    public override DicomTransferSyntax TransferSyntax => DicomTransferSyntax.DeflatedExplicitVRLittleEndian;

    internal override void AddTo(DicomDataset dataset)
    {
        dataset.SetString(DicomTags.LossyImageCompression, "00");
        AddEightBitColour(dataset, 3, "RGB", Width, Height);
        // OB for Bits Allocated 8 in explicit VR (PS3.5 A.2); the writer pads an odd length with one zero byte (PS3.5 8.1.1).
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, Rgb);
    }

    // Rows and Columns are US (PS3.3 C.7.6.3): 1 to 65535.
    private static void CheckSize(int value, string name, string attribute)
    {
        if (value is < 1 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be 1 to 65535 pixels ({attribute} is US), got {value}");
    }
}

namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>The pixels of one photo: a baseline JPEG kept bit-exact (<see cref="BaselineJpegPixels"/>) or
/// interleaved 8-bit RGB the caller decoded from PNG/HEIC (<see cref="NativeRgbPixels"/>).</summary>
public abstract class PhotoPixels
{
    private protected PhotoPixels()
    {
    }

    public abstract int Width { get; }

    public abstract int Height { get; }

    /// <summary>What the built file is written with when <see cref="DicomFile.ToBytes"/> gets no transfer syntax.</summary>
    public abstract DicomTransferSyntax TransferSyntax { get; }

    /// <summary>An 8-bit baseline (SOF0) JPEG; anything else throws <see cref="ArgumentException"/>.</summary>
    public static BaselineJpegPixels FromJpeg(byte[] jpeg) => new(jpeg);

    /// <summary>Interleaved R, G, B bytes, row by row; <paramref name="rgb"/> must hold width × height × 3 bytes.</summary>
    public static NativeRgbPixels FromRgb(int width, int height, byte[] rgb) => new(width, height, rgb);

    /// <summary>Image Pixel (PS3.3 C.7.6.3), the lossy compression attributes of General Image (C.7.6.1) and Pixel Data.</summary>
    internal abstract void AddTo(DicomDataset dataset);

    private protected static void AddEightBitColour(DicomDataset ds, int samples, string photometric, int width, int height)
    {
        ds.SetUInt16(DicomTags.SamplesPerPixel, (ushort)samples);
        ds.SetString(DicomTags.PhotometricInterpretation, photometric);
        // Planar Configuration is Type 1C: present only when Samples per Pixel > 1 (PS3.3 C.7.6.3.1.3).
        if (samples > 1)
            ds.SetUInt16(DicomTags.PlanarConfiguration, 0);
        ds.SetUInt16(DicomTags.Rows, (ushort)height);
        ds.SetUInt16(DicomTags.Columns, (ushort)width);
        ds.SetUInt16(DicomTags.BitsAllocated, 8);
        ds.SetUInt16(DicomTags.BitsStored, 8);
        ds.SetUInt16(DicomTags.HighBit, 7);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
    }
}

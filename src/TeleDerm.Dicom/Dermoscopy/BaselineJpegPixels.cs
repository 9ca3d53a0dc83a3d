namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>An 8-bit baseline JPEG stored bit-exact as one fragment with an empty Basic Offset Table (PS3.5 A.4),
/// transfer syntax JPEG Baseline 1.2.840.10008.1.2.4.50.</summary>
public sealed class BaselineJpegPixels : PhotoPixels
{
    /// <exception cref="ArgumentException">the JPEG is not 8-bit baseline (SOF0).</exception>
    /// <exception cref="FormatException">the bytes are not a JPEG.</exception>
    public BaselineJpegPixels(byte[] jpeg)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        var frame = JpegFrameInfo.Parse(jpeg);
        if (!frame.IsBaseline || frame.Precision != 8)
            throw new ArgumentException($"only 8-bit baseline JPEG (SOF0) fits transfer syntax 1.2.840.10008.1.2.4.50; this one is precision {frame.Precision}, baseline {frame.IsBaseline}", nameof(jpeg));
        Jpeg = jpeg;
        Frame = frame;
    }

    public byte[] Jpeg { get; }

    public JpegFrameInfo Frame { get; }

    public override int Width => Frame.Width;

    public override int Height => Frame.Height;

    public override DicomTransferSyntax TransferSyntax => DicomTransferSyntax.JPEGBaseline8Bit;

    internal override void AddTo(DicomDataset dataset)
    {
        // Lossy Image Compression stays "01" once an image has been lossy compressed (PS3.3 C.7.6.1.1.5).
        dataset.SetString(DicomTags.LossyImageCompression, "01");
        dataset.SetString(DicomTags.LossyImageCompressionMethod, "ISO_10918_1");
        AddEightBitColour(dataset, Frame.Components, Frame.PhotometricInterpretation, Frame.Width, Frame.Height);
        DicomPixelData.SetEncapsulatedFrames(dataset, [Jpeg]);
    }
}

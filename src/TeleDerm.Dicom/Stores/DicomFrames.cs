namespace TeleDerm.Dicom.Stores;

/// <summary>One frame's pixel data, as WADO-RS /frames returns it (PS3.18 10.4.1.1.3).</summary>
public static class DicomFrames
{
    /// <param name="frameNumber">1-based.</param>
    public static byte[] Extract(DicomDataset dataset, int frameNumber)
    {
        var frames = DicomPixelData.FrameCount(dataset);
        if (frameNumber < 1 || frameNumber > frames)
            throw new ArgumentOutOfRangeException(nameof(frameNumber), $"frame {frameNumber} of {frames}");
        switch (dataset.GetItem(DicomTags.PixelData))
        {
            case DicomFragmentSequence:
                return DicomPixelData.GetEncapsulatedFrame(dataset, frameNumber - 1);
            case DicomElement native:
                // Native frames follow one another, each Rows x Columns x Samples x Bits Allocated / 8 bytes (PS3.5 8.1.1).
                var bits = (long)(dataset.GetInt(DicomTags.Rows) ?? 0) * (dataset.GetInt(DicomTags.Columns) ?? 0)
                    * (dataset.GetInt(DicomTags.SamplesPerPixel) ?? 1) * (dataset.GetInt(DicomTags.BitsAllocated) ?? 8);
                var frameLength = (bits + 7) / 8;
                var start = frameLength * (frameNumber - 1);
                if (frameLength == 0 || start + frameLength > native.Length)
                    throw new DicomFormatException(0, $"Pixel Data of {native.Length} bytes does not hold frame {frameNumber} of {frameLength} bytes");
                return native.Buffer.GetBytes().Slice((int)start, (int)frameLength).ToArray();
            default:
                throw new DicomFormatException(0, "the instance has no Pixel Data (7FE0,0010)");
        }
    }
}

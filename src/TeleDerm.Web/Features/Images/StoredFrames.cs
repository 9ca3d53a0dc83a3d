using TeleDerm.Core.Cases;
using TeleDerm.Dicom;
using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;

namespace TeleDerm.Web.Features.Images;

/// <summary>
/// A stored photo's first frame, as every reader of pixels needs it (viewer rendering, report images, scoring):
/// TeleDerm stores photos either as their original JPEG (encapsulated) or as 8-bit interleaved RGB (native). The
/// JPEG is decoded by its reader (each chooses its own scale); native RGB needs the header's size, read here once.
/// </summary>
public static class StoredFrames
{
    public static DicomInstanceKey Key(LesionImage image) => new(image.StudyInstanceUid, image.SeriesInstanceUid, image.SopInstanceUid);

    /// <summary>An encapsulated JPEG frame (starts with the SOI marker).</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> frame) => frame.Length > 2 && frame[0] == 0xFF && frame[1] == 0xD8;

    /// <summary>The instance's header without its pixel data, or null when the store does not have it.</summary>
    public static async Task<DicomDataset?> HeaderAsync(IDicomStore store, DicomInstanceKey key, CancellationToken cancellationToken) =>
        await store.RetrieveAsync(key, cancellationToken) is { } instance
            ? DicomFile.Read(instance, new DicomReaderOptions { HeaderOnly = true }).Dataset
            : null;

    /// <summary>
    /// A native frame as RGB pixels, when its header says 8-bit interleaved RGB of a size the frame holds; null for
    /// anything else (the caller says what it cannot do with it).
    /// </summary>
    public static RgbImage? NativeRgb(DicomDataset header, byte[] frame)
    {
        var (rows, columns) = (header.GetInt(DicomTags.Rows) ?? 0, header.GetInt(DicomTags.Columns) ?? 0);
        if (header.GetString(DicomTags.PhotometricInterpretation) != "RGB" || header.GetInt(DicomTags.SamplesPerPixel) != 3
            || header.GetInt(DicomTags.BitsAllocated) is { } bits && bits != 8
            || rows <= 0 || columns <= 0 || frame.LongLength < (long)rows * columns * 3)
        {
            return null;
        }
        return new RgbImage(columns, rows, frame[..(rows * columns * 3)]);
    }
}

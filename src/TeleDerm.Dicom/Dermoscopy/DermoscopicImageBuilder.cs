namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>Wraps a JPEG, bit-exact, as a Dermoscopic Photography Image (PS3.3 A.32.11) in JPEG Baseline
/// transfer syntax: one fragment, empty Basic Offset Table (PS3.5 A.4). Kept for existing callers; clinical
/// photos and native RGB go through <see cref="SkinPhotographBuilder"/>.</summary>
public static class DermoscopicImageBuilder
{
    /// <summary>A JPEG as the instance <paramref name="request"/>'s <see cref="DermoscopicImageRequest.Kind"/> says (default DMS).</summary>
    /// <exception cref="ArgumentException">the JPEG is not 8-bit baseline (SOF0).</exception>
    public static DicomFile Build(byte[] jpeg, DermoscopicImageRequest request) =>
        SkinPhotographBuilder.Build(new BaselineJpegPixels(jpeg), request);
}

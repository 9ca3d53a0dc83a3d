using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Support;

/// <summary>Dermoscopic instances built around a real JPEG from the shared corpus, each with fresh UIDs.</summary>
internal static class TestInstances
{
    private static readonly Lazy<byte[]> CorpusJpeg = new(() =>
        DicomPixelData.GetEncapsulatedFrame(DicomFile.Open(CorpusPath("JPEGwithIcon.dcm")).Dataset, 0));

    /// <summary>The baseline JPEG every test instance wraps (its first frame is these bytes).</summary>
    public static byte[] Jpeg => CorpusJpeg.Value;

    public static string CorpusPath(string name) => Path.Combine(RepoPaths.Shared, "data", "dicom", name);

    public static DermoscopicImageRequest Request(string patientId, DicomUid lesion, DicomUid? study = null) => new()
    {
        PatientId = patientId,
        PatientName = "Müller^Anna",
        PatientBirthDate = new DateOnly(1970, 3, 1),
        PatientSex = "F",
        StudyInstanceUid = study,
        AcquiredAt = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
        LesionTrackingId = "Lesion 1, left upper arm",
        LesionTrackingUid = lesion,
        AnatomicRegion = new DicomCode("40983000", "SCT", "Upper arm"),
        ImageLaterality = "L",
        LightSourcePolarization = "POLARIZED",
        ContactMethod = "NON_CONTACT",
        OpticalMagnificationFactor = 10,
    };

    public static DicomFile Build(string patientId, DicomUid lesion, DicomUid? study = null) =>
        DermoscopicImageBuilder.Build(Jpeg, Request(patientId, lesion, study));

    public static byte[] Dermoscopic(string patientId, DicomUid lesion, DicomUid? study = null) => Build(patientId, lesion, study).ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);

    /// <summary>A patient ID no other test (or earlier run against the same server) uses.</summary>
    public static string NewPatientId() => "TD-" + Guid.NewGuid().ToString("N")[..12];
}

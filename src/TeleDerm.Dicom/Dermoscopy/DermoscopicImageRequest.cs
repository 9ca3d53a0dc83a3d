namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>A coded concept (Code Sequence Macro, PS3.3 8.8), e.g. SCT 40983000 "Upper arm".</summary>
public sealed record DicomCode(string Value, string SchemeDesignator, string Meaning);

/// <summary>What TeleDerm knows about one skin photo, dermoscopic or clinical; see docs dicom-dermoscopy.md.</summary>
public sealed record DermoscopicImageRequest
{
    /// <summary>Dermoscopic (DMS, the default) or Clinical (XC); the dermoscope fields below apply to Dermoscopic only.</summary>
    public PhotographKind Kind { get; init; } = PhotographKind.Dermoscopic;

    public required string PatientId { get; init; }
    public string PatientName { get; init; } = "";
    public DateOnly? PatientBirthDate { get; init; }
    /// <summary>M, F, O or empty.</summary>
    public string PatientSex { get; init; } = "";

    public DicomUid? StudyInstanceUid { get; init; }
    public string StudyId { get; init; } = "1";
    public string AccessionNumber { get; init; } = "";
    public DicomUid? SeriesInstanceUid { get; init; }
    public int SeriesNumber { get; init; } = 1;
    public int InstanceNumber { get; init; } = 1;

    /// <summary>When the photo was taken (Study, Series, Content and Acquisition date/time).</summary>
    public required DateTimeOffset AcquiredAt { get; init; }

    /// <summary>The lesion across visits: Tracking ID and Tracking UID (PS3.3 C.8.12.13, Type 1C).</summary>
    public required string LesionTrackingId { get; init; }
    public required DicomUid LesionTrackingUid { get; init; }

    /// <summary>Anatomic Region Sequence (0008,2218) item.</summary>
    public required DicomCode AnatomicRegion { get; init; }
    /// <summary>Image Laterality (0020,0062): R, L, U (unpaired) or B.</summary>
    public string ImageLaterality { get; init; } = "U";

    /// <summary>POLARIZED or NON_POLARIZED.</summary>
    public string LightSourcePolarization { get; init; } = "";
    /// <summary>CONTACT or NON_CONTACT.</summary>
    public string ContactMethod { get; init; } = "";
    public string ImmersionMedia { get; init; } = "";
    public double? OpticalMagnificationFactor { get; init; }
    public int? EmitterColorTemperature { get; init; }

    public string Manufacturer { get; init; } = "TeleDerm";
    public string ManufacturerModelName { get; init; } = "TeleDerm workstation";
    public string DeviceSerialNumber { get; init; } = "0";
    public string SoftwareVersions { get; init; } = "1.0";
}

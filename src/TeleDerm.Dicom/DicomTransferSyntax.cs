namespace TeleDerm.Dicom;

/// <summary>How a dataset is encoded, PS3.5 10 and Annex A.</summary>
public sealed record DicomTransferSyntax(DicomUid Uid, bool IsExplicitVR, bool IsBigEndian, bool IsDeflated, bool IsEncapsulated)
{
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new(DicomUid.ImplicitVRLittleEndian, false, false, false, false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new(DicomUid.ExplicitVRLittleEndian, true, false, false, false);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new(DicomUid.DeflatedExplicitVRLittleEndian, true, false, true, false);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new(DicomUid.ExplicitVRBigEndian, true, true, false, false);
    public static readonly DicomTransferSyntax JPEGBaseline8Bit = new(DicomUid.JPEGBaseline8Bit, true, false, false, true);

    /// <summary>The syntax for a UID: the four native ones by name; every other standard one is
    /// explicit VR little endian with encapsulated pixel data (PS3.5 A.4), except deflate variants (A.5).</summary>
    public static DicomTransferSyntax FromUid(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return trimmed switch
        {
            "1.2.840.10008.1.2" => ImplicitVRLittleEndian,
            "1.2.840.10008.1.2.1" => ExplicitVRLittleEndian,
            "1.2.840.10008.1.2.1.99" => DeflatedExplicitVRLittleEndian,
            "1.2.840.10008.1.2.2" => ExplicitVRBigEndian,
            // Deflated image frame compression (1.2.840.10008.1.2.8.1) deflates frames, not the dataset.
            _ => new DicomTransferSyntax(new DicomUid(trimmed), true, false, false, trimmed.StartsWith("1.2.840.10008.1.2.", StringComparison.Ordinal)),
        };
    }
}

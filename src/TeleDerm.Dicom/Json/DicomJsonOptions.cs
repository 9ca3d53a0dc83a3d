namespace TeleDerm.Dicom.Json;

public sealed record DicomJsonOptions
{
    public static readonly DicomJsonOptions Default = new();

    /// <summary>Write binary values (OB, OW, UN, ...) as InlineBinary (PS3.18 F.2.7); when false they keep only "vr".
    /// Encapsulated pixel data is always written without a value: there is no BulkDataURI to point at.</summary>
    public bool IncludeInlineBinary { get; init; } = true;

    public bool Indented { get; init; } = true;
}

namespace TeleDerm.Dicom.IO;

/// <summary>What the reader learned about the encoding, and the deviations it tolerated.</summary>
public sealed record DicomReadResult(
    DicomTransferSyntax TransferSyntax,
    bool HasPreamble,
    bool HasFileMetaInformation,
    bool StoppedAtPixelData,
    IReadOnlyList<string> Warnings);

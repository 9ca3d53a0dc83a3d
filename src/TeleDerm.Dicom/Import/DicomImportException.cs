namespace TeleDerm.Dicom.Import;

/// <summary>Why an import was refused; each has its own message.</summary>
public enum DicomImportRefusal
{
    /// <summary>Not readable as DICOM (the message carries the codec's offset and reason).</summary>
    Malformed,
    /// <summary>A SOP class TeleDerm does not take (only VL Photographic and Dermoscopic Photography).</summary>
    UnsupportedSopClass,
    /// <summary>An attribute needed to store the instance is missing or invalid.</summary>
    MissingAttribute,
    /// <summary>No Pixel Data, or Pixel Data without bytes.</summary>
    NoPixelData,
    /// <summary>The file's patient differs from the given one and the caller has not confirmed re-identification.</summary>
    PatientMismatch,
    /// <summary>The store refused it (e.g. a different instance already stored under the same SOP Instance UID).</summary>
    RefusedByStore,
}

public sealed class DicomImportException : Exception
{
    public DicomImportException()
    {
    }

    public DicomImportException(string message)
        : base(message)
    {
    }

    public DicomImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DicomImportException(DicomImportRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
    }

    public DicomImportRefusal Refusal { get; }
}

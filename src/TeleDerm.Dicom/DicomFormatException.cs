namespace TeleDerm.Dicom;

/// <summary>The one exception the codec raises for malformed input: where (byte offset) and why.</summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException()
        : this(0, "malformed DICOM input")
    {
    }

    public DicomFormatException(string message)
        : this(0, message)
    {
    }

    public DicomFormatException(string message, Exception innerException)
        : this(0, message, innerException)
    {
    }

    public DicomFormatException(long offset, string reason, Exception? innerException = null)
        : base($"at byte {offset}: {reason}", innerException)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset in the file (in the inflated dataset for deflated transfer syntax).</summary>
    public long Offset { get; }

    public string Reason { get; }
}

using TeleDerm.Dicom.IO;

namespace TeleDerm.Dicom;

/// <summary>A data element with a value (strings or little endian binary), PS3.5 7.1.</summary>
public sealed class DicomElement(DicomTag tag, DicomVR vr, IDicomBuffer buffer, long offset = -1) : DicomItem(tag, vr)
{
    public IDicomBuffer Buffer { get; } = buffer;

    public long Length => Buffer.Length;

    /// <summary>Byte offset of the element in the file it was read from; -1 when built in memory.</summary>
    public long Offset { get; } = offset;
}

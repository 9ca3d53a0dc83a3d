namespace TeleDerm.Dicom.IO;

public sealed class MemoryDicomBuffer(ReadOnlyMemory<byte> bytes) : IDicomBuffer
{
    public static readonly MemoryDicomBuffer Empty = new(ReadOnlyMemory<byte>.Empty);

    public long Length => bytes.Length;
    public bool IsLoaded => true;
    public ReadOnlyMemory<byte> GetBytes() => bytes;
}

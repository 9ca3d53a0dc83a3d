namespace TeleDerm.Dicom.IO;

/// <summary>Where lazy values come from: a byte buffer, a file path (re-opened on demand) or an open stream.</summary>
public abstract class DicomByteSource
{
    public abstract byte[] Read(long offset, int length);

    public static DicomByteSource FromBytes(ReadOnlyMemory<byte> bytes) => new MemorySource(bytes);
    public static DicomByteSource FromFile(string path) => new FileSource(path);
    public static DicomByteSource FromStream(Stream stream) => new StreamSource(stream);

    private sealed class MemorySource(ReadOnlyMemory<byte> bytes) : DicomByteSource
    {
        public override byte[] Read(long offset, int length)
        {
            if (offset < 0 || offset + length > bytes.Length)
                throw new DicomFormatException(offset, $"lazy value of {length} bytes lies beyond the end of the buffer");
            return bytes.Slice((int)offset, length).ToArray();
        }
    }

    private sealed class FileSource(string path) : DicomByteSource
    {
        public override byte[] Read(long offset, int length)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                return ReadFrom(stream, offset, length);
            }
            catch (IOException e)
            {
                throw new DicomFormatException(offset, $"cannot read lazy value from '{path}': {e.Message}", e);
            }
        }
    }

    private sealed class StreamSource(Stream stream) : DicomByteSource
    {
        private readonly Lock _gate = new();

        public override byte[] Read(long offset, int length)
        {
            lock (_gate)
                return ReadFrom(stream, offset, length);
        }
    }

    private static byte[] ReadFrom(Stream stream, long offset, int length)
    {
        if (offset < 0 || offset + length > stream.Length)
            throw new DicomFormatException(offset, $"lazy value of {length} bytes lies beyond the end of the stream (the file changed?)");
        var result = new byte[length];
        stream.Position = offset;
        stream.ReadExactly(result);
        return result;
    }
}

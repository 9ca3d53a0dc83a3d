using System.Buffers.Binary;

namespace TeleDerm.Dicom.IO;

/// <summary>A value remembered by offset and length, read from its source on first use.</summary>
public sealed class LazyDicomBuffer(DicomByteSource source, long offset, int length, int bigEndianSwapUnit) : IDicomBuffer
{
    private byte[]? _bytes;

    public long Offset { get; } = offset;
    public long Length => length;
    public bool IsLoaded => _bytes is not null;

    public ReadOnlyMemory<byte> GetBytes()
    {
        if (_bytes is null)
        {
            var bytes = source.Read(Offset, length);
            ByteSwapper.SwapInPlace(bytes, bigEndianSwapUnit);
            _bytes = bytes;
        }

        return _bytes;
    }
}

internal static class ByteSwapper
{
    /// <summary>Converts big endian values of <paramref name="unit"/> bytes to little endian (unit 0 or 1: no-op).</summary>
    public static void SwapInPlace(Span<byte> bytes, int unit)
    {
        if (unit <= 1)
            return;
        var whole = bytes.Length - (bytes.Length % unit);
        for (var i = 0; i < whole; i += unit)
            bytes.Slice(i, unit).Reverse();
    }

    public static ushort ReadUInt16(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    public static uint ReadUInt32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}

using System.Buffers.Binary;
using System.Text;

namespace TeleDerm.Dicom.Tests.Support;

/// <summary>Builds raw explicit/implicit VR little endian bytes for malformed-input tests.</summary>
public sealed class DicomBytes
{
    private readonly MemoryStream _stream = new();

    public long Position => _stream.Position;

    public static DicomBytes Part10(string transferSyntax = "1.2.840.10008.1.2.1")
    {
        var b = new DicomBytes();
        b._stream.Write(new byte[128]);
        b._stream.Write("DICM"u8);
        var ts = Encoding.ASCII.GetBytes(transferSyntax.Length % 2 == 1 ? transferSyntax + "\0" : transferSyntax);
        b.Explicit(0x0002, 0x0010, "UI", ts);
        return b;
    }

    public DicomBytes Tag(ushort group, ushort element)
    {
        Span<byte> s = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(s, group);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], element);
        _stream.Write(s);
        return this;
    }

    public DicomBytes UInt16(ushort value)
    {
        Span<byte> s = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(s, value);
        _stream.Write(s);
        return this;
    }

    public DicomBytes UInt32(uint value)
    {
        Span<byte> s = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(s, value);
        _stream.Write(s);
        return this;
    }

    public DicomBytes Raw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public DicomBytes Ascii(string text) => Raw(Encoding.ASCII.GetBytes(text));

    /// <summary>An explicit VR element header with the given length (value bytes appended if given).</summary>
    public DicomBytes ExplicitHeader(ushort group, ushort element, string vr, uint length)
    {
        Tag(group, element).Ascii(vr);
        var parsed = DicomVR.FromBytes((byte)vr[0], (byte)vr[1]);
        if (parsed.IsKnown && parsed.HasLongLength)
            UInt16(0).UInt32(length);
        else
            UInt16((ushort)length);
        return this;
    }

    public DicomBytes Explicit(ushort group, ushort element, string vr, byte[] value) =>
        ExplicitHeader(group, element, vr, (uint)value.Length).Raw(value);

    public DicomBytes Explicit(ushort group, ushort element, string vr, string value) =>
        Explicit(group, element, vr, Encoding.ASCII.GetBytes(value));

    public DicomBytes Item(uint length) => Tag(0xFFFE, 0xE000).UInt32(length);

    public DicomBytes ItemDelimitation() => Tag(0xFFFE, 0xE00D).UInt32(0);

    public DicomBytes SequenceDelimitation() => Tag(0xFFFE, 0xE0DD).UInt32(0);

    public byte[] ToArray() => _stream.ToArray();
}

using System.Buffers.Binary;

namespace TeleDerm.Dicom.IO;

/// <summary>Writes a dataset in explicit VR little endian, PS3.5 7.1.2: values padded to even length,
/// sequences and items of undefined length with delimiters (7.5), encapsulated pixel data per A.4.</summary>
public static class DicomWriter
{
    public static void WriteDataset(Stream stream, DicomDataset dataset)
    {
        foreach (var item in dataset)
            WriteItem(stream, item);
    }

    private static void WriteItem(Stream stream, DicomItem item)
    {
        switch (item)
        {
            case DicomElement element:
                WriteElement(stream, element.Tag, element.VR, element.Buffer.GetBytes().Span);
                break;
            case DicomSequence sequence:
                WriteHeader(stream, sequence.Tag, DicomVR.SQ, 0xFFFFFFFF);
                foreach (var child in sequence.Items)
                {
                    WriteTagAndLength(stream, DicomTag.Item, 0xFFFFFFFF);
                    WriteDataset(stream, child);
                    WriteTagAndLength(stream, DicomTag.ItemDelimitationItem, 0);
                }

                WriteTagAndLength(stream, DicomTag.SequenceDelimitationItem, 0);
                break;
            case DicomFragmentSequence fragments:
                WriteHeader(stream, fragments.Tag, DicomVR.OB, 0xFFFFFFFF);
                WriteFragment(stream, fragments.BasicOffsetTableBuffer.GetBytes().Span);
                foreach (var fragment in fragments.Fragments)
                    WriteFragment(stream, fragment.GetBytes().Span);
                WriteTagAndLength(stream, DicomTag.SequenceDelimitationItem, 0);
                break;
        }
    }

    // Each fragment is an item of even length, PS3.5 A.4.
    private static void WriteFragment(Stream stream, ReadOnlySpan<byte> bytes)
    {
        var padded = bytes.Length + (bytes.Length & 1);
        WriteTagAndLength(stream, DicomTag.Item, (uint)padded);
        stream.Write(bytes);
        if ((bytes.Length & 1) == 1)
            stream.WriteByte(0);
    }

    public static void WriteElement(Stream stream, DicomTag tag, DicomVR vr, ReadOnlySpan<byte> value)
    {
        var padded = value.Length + (value.Length & 1);
        // A value too long for a 16-bit length field is written as UN, PS3.5 6.2.2 Note.
        if (!vr.HasLongLength && padded > 0xFFFF)
            vr = DicomVR.UN;
        WriteHeader(stream, tag, vr, (uint)padded);
        stream.Write(value);
        if ((value.Length & 1) == 1)
            stream.WriteByte(vr.PaddingByte);
    }

    private static void WriteHeader(Stream stream, DicomTag tag, DicomVR vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        header[4] = (byte)vr.Code[0];
        header[5] = (byte)vr.Code[1];
        if (vr.HasLongLength)
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
            stream.Write(header[..8]);
        }
    }

    private static void WriteTagAndLength(Stream stream, DicomTag tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        stream.Write(header);
    }
}

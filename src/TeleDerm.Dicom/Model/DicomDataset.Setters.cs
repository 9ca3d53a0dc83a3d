using System.Buffers.Binary;
using TeleDerm.Dicom.Dictionary;

namespace TeleDerm.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>Sets a string attribute; several values are joined with a backslash (PS3.5 6.4).</summary>
    public DicomDataset SetString(DicomTag tag, DicomVR vr, params string[] values)
    {
        if (!vr.IsString)
            throw new ArgumentException($"{vr} is not a string VR", nameof(vr));
        return Add(new DicomElement(tag, vr, Buffer(EncodeText(vr, string.Join('\\', values)))));
    }

    /// <summary>Sets a string attribute with the VR of the dictionary.</summary>
    public DicomDataset SetString(DicomTag tag, params string[] values) => SetString(tag, VrOf(tag), values);

    public DicomDataset SetString(string keyword, params string[] values) => SetString(TagOf(keyword), values);

    public DicomDataset SetUInt16(DicomTag tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return Add(new DicomElement(tag, DicomVR.US, Buffer(bytes)));
    }

    public DicomDataset SetUInt32(DicomTag tag, params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        return Add(new DicomElement(tag, DicomVR.UL, Buffer(bytes)));
    }

    /// <summary>Sets a binary value; the bytes are little endian as PS3.5 7.3 encodes them in our writer.</summary>
    public DicomDataset SetBytes(DicomTag tag, DicomVR vr, byte[] bytes) => Add(new DicomElement(tag, vr, Buffer(bytes)));

    public DicomDataset SetDate(DicomTag tag, DateOnly date) =>
        SetString(tag, DicomVR.DA, date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

    public DicomDataset SetSequence(DicomTag tag, params DicomDataset[] items) => Add(new DicomSequence(tag, items));

    private static DicomVR VrOf(DicomTag tag) =>
        DicomDictionary.Find(tag)?.ValueRepresentations.FirstOrDefault() is { } vr && vr != default
            ? vr
            : throw new ArgumentException($"{tag} is not in the dictionary: give its VR", nameof(tag));
}

using System.Text;

namespace TeleDerm.Dicom.IO;

/// <summary>Writes a Part 10 file: 128-byte preamble, "DICM", File Meta Information (PS3.10 7.1), dataset.</summary>
public static class DicomFileWriter
{
    public const string ImplementationVersionName = "TELEDERM_1";

    /// <summary>SOP Class and Instance come from the dataset, else from the Media Storage UIDs of
    /// <paramref name="fileMetaInformation"/> (a dataset read without them).</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomDataset? fileMetaInformation = null)
    {
        if (transferSyntax.IsBigEndian || !transferSyntax.IsExplicitVR)
            throw new NotSupportedException($"writing transfer syntax {transferSyntax.Uid} is not supported; use explicit VR little endian, its deflated form or an encapsulated syntax");
        var sopClass = NonEmpty(dataset.GetString(DicomTags.SOPClassUID)) ?? NonEmpty(fileMetaInformation?.GetString(DicomTags.MediaStorageSOPClassUID));
        var sopInstance = NonEmpty(dataset.GetString(DicomTags.SOPInstanceUID)) ?? NonEmpty(fileMetaInformation?.GetString(DicomTags.MediaStorageSOPInstanceUID));
        if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
            throw new InvalidOperationException("the dataset needs SOP Class UID (0008,0016) and SOP Instance UID (0008,0018) to be written as a file");

        var encapsulated = dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence;
        if (encapsulated != transferSyntax.IsEncapsulated && dataset.Contains(DicomTags.PixelData))
            throw new InvalidOperationException(encapsulated
                ? $"encapsulated Pixel Data needs an encapsulated transfer syntax, not {transferSyntax.Uid} (PS3.5 A.4)"
                : $"native Pixel Data cannot be written with encapsulated transfer syntax {transferSyntax.Uid} (PS3.5 A.4)");

        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        stream.Write(BuildFileMetaInformation(sopClass, sopInstance, transferSyntax.Uid.Value));
        if (!transferSyntax.IsDeflated)
        {
            DicomWriter.WriteDataset(stream, dataset);
            return;
        }
        // Deflated Explicit VR Little Endian (PS3.5 A.5): the dataset after the meta information is raw deflate (RFC 1951).
        using var deflated = new System.IO.Compression.DeflateStream(stream, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true);
        DicomWriter.WriteDataset(deflated, dataset);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Group 0002 with its group length, PS3.10 7.1 Table 7.1-1.</summary>
    public static byte[] BuildFileMetaInformation(string sopClass, string sopInstance, string transferSyntax)
    {
        using var body = new MemoryStream();
        DicomWriter.WriteElement(body, DicomTags.FileMetaInformationVersion, DicomVR.OB, [0x00, 0x01]);
        DicomWriter.WriteElement(body, DicomTags.MediaStorageSOPClassUID, DicomVR.UI, Encoding.ASCII.GetBytes(sopClass));
        DicomWriter.WriteElement(body, DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, Encoding.ASCII.GetBytes(sopInstance));
        DicomWriter.WriteElement(body, DicomTags.TransferSyntaxUID, DicomVR.UI, Encoding.ASCII.GetBytes(transferSyntax));
        DicomWriter.WriteElement(body, DicomTags.ImplementationClassUID, DicomVR.UI, Encoding.ASCII.GetBytes(DicomUid.TeleDermImplementationClass.Value));
        DicomWriter.WriteElement(body, DicomTags.ImplementationVersionName, DicomVR.SH, Encoding.ASCII.GetBytes(ImplementationVersionName));

        using var meta = new MemoryStream();
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)body.Length);
        DicomWriter.WriteElement(meta, DicomTags.FileMetaInformationGroupLength, DicomVR.UL, length);
        body.Position = 0;
        body.CopyTo(meta);
        return meta.ToArray();
    }
}

using TeleDerm.Dicom.IO;

namespace TeleDerm.Dicom;

/// <summary>A DICOM file (PS3.10 7.1): File Meta Information and the dataset.</summary>
public sealed class DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset)
{
    public DicomDataset FileMetaInformation { get; } = fileMetaInformation;

    public DicomDataset Dataset { get; } = dataset;

    /// <summary>How the file was read (absent for files built in memory).</summary>
    public DicomReadResult? ReadResult { get; private init; }

    public static DicomFile Open(string path, DicomReaderOptions? options = null)
    {
        var builder = new DicomDatasetBuilder();
        var result = DicomReader.ReadFile(path, builder, options);
        return new DicomFile(builder.FileMetaInformation, builder.Dataset) { ReadResult = result };
    }

    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReaderOptions? options = null)
    {
        var builder = new DicomDatasetBuilder();
        var result = DicomReader.Read(bytes, builder, options);
        return new DicomFile(builder.FileMetaInformation, builder.Dataset) { ReadResult = result };
    }

    public static DicomFile Read(Stream stream, DicomReaderOptions? options = null)
    {
        var builder = new DicomDatasetBuilder();
        var result = DicomReader.Read(stream, builder, options);
        return new DicomFile(builder.FileMetaInformation, builder.Dataset) { ReadResult = result };
    }

    /// <summary>Writes the file with fresh File Meta Information (explicit VR little endian dataset unless
    /// the transfer syntax is an encapsulated one, whose dataset is also explicit VR little endian).</summary>
    public void Save(Stream stream, DicomTransferSyntax? transferSyntax = null) =>
        DicomFileWriter.Write(stream, Dataset, transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian, FileMetaInformation);

    public byte[] ToBytes(DicomTransferSyntax? transferSyntax = null)
    {
        using var stream = new MemoryStream();
        Save(stream, transferSyntax);
        return stream.ToArray();
    }
}

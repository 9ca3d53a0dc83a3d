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

    /// <summary>The transfer syntax <see cref="Save"/> and <see cref="ToBytes"/> use when given none, e.g. JPEG Baseline
    /// for a file a builder made around a JPEG; null: see <see cref="Save"/>.</summary>
    public DicomTransferSyntax? TransferSyntax { get; init; }

    /// <summary>Writes the file with fresh File Meta Information; the dataset is always explicit VR little endian.
    /// Without a transfer syntax: <see cref="TransferSyntax"/> when set, else the one it was read with when its
    /// pixel data is encapsulated, else Explicit VR Little Endian.</summary>
    public void Save(Stream stream, DicomTransferSyntax? transferSyntax = null) =>
        DicomFileWriter.Write(stream, Dataset, transferSyntax ?? DefaultTransferSyntax(), FileMetaInformation);

    private DicomTransferSyntax DefaultTransferSyntax() =>
        TransferSyntax ?? (Dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence && ReadResult?.TransferSyntax is { IsEncapsulated: true } read
            ? read
            : DicomTransferSyntax.ExplicitVRLittleEndian);

    public byte[] ToBytes(DicomTransferSyntax? transferSyntax = null)
    {
        using var stream = new MemoryStream();
        Save(stream, transferSyntax);
        return stream.ToArray();
    }
}

namespace TeleDerm.Dicom.IO;

/// <summary>The bytes of a value, always little endian in memory; may be read on demand.</summary>
public interface IDicomBuffer
{
    long Length { get; }

    /// <summary>False while the bytes have not been read (lazy pixel data).</summary>
    bool IsLoaded { get; }

    /// <summary>The value bytes; a lazy buffer reads them now (and may raise <see cref="DicomFormatException"/>).</summary>
    ReadOnlyMemory<byte> GetBytes();
}

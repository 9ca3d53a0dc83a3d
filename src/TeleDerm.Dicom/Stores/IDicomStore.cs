namespace TeleDerm.Dicom.Stores;

/// <summary>
/// Where DICOM instances are kept: the embedded file-system store or any PACS through DICOMweb. Provider
/// neutral: callers see instances as bytes and identifiers, never as paths or URLs.
/// </summary>
public interface IDicomStore
{
    /// <summary>Stores a Part 10 instance as given. Storing the same bytes again is harmless; a different
    /// instance under a SOP Instance UID already stored raises <see cref="DicomStoreConflictException"/>.</summary>
    Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The whole instance, byte for byte as stored; null when the store does not have it.</summary>
    Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default);

    /// <summary>The pixel data of one frame (1-based, as WADO-RS counts): the compressed bitstream for
    /// encapsulated transfer syntaxes, the raw pixels otherwise.</summary>
    Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default);

    /// <summary>The instance's attributes as one DICOM JSON object (PS3.18 F.2), without bulk pixel data.</summary>
    Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes an instance that should never have been kept (the photos of a request that was never saved). False
    /// when this store does not hold it or cannot remove it: DICOMweb defines no delete, so an instance a PACS has
    /// already received stays there.
    /// </summary>
    Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default);
}

namespace TeleDerm.Dicom.Stores;

/// <summary>One row of the file-system store's index: identifiers and where the file lies.</summary>
public sealed record DicomIndexEntry(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    string PatientId,
    string? TrackingUid,
    DateTime? AcquisitionDateTime,
    string RelativePath,
    long Size,
    string Sha256,
    DateTime StoredAtUtc);

/// <summary>The file-system store's index, kept in the application's database (implemented over EF Core in
/// TeleDerm.Dicom.Storage so that the codec knows nothing of the database and Core nothing of DICOM).</summary>
public interface IDicomStoreIndex
{
    Task<DicomIndexEntry?> FindAsync(string sopInstanceUid, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DicomIndexEntry>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Adds the entry; false when an entry with its SOP Instance UID exists already (nothing changed).</summary>
    Task<bool> TryAddAsync(DicomIndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry; false when there was none.</summary>
    Task<bool> RemoveAsync(string sopInstanceUid, CancellationToken cancellationToken = default);
}

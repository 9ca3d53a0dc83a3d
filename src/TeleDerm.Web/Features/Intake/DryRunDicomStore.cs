using TeleDerm.Dicom.Stores;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// A store that keeps nothing: the importer runs all its checks (class, pixel data, patient) against it
/// before anything is really stored, so that intake can report every problem of a request at once.
/// </summary>
internal sealed class DryRunDicomStore : IDicomStore
{
    public Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default) =>
        Task.FromResult(DicomInstanceInfo.FromInstance(instance));

    public Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DicomInstanceInfo>>([]);

    public Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);

    public Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);

    public Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default) => Task.FromResult(false);
}

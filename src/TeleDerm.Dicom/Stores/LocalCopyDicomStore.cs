using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Json;

namespace TeleDerm.Dicom.Stores;

/// <summary>
/// A remote store (a PACS through DICOMweb, usually behind the outbox) with local copies in a bounded folder: what
/// is stored here is kept at once, so the viewer and the scoring read a new photo before the PACS has it (the GP
/// never waits for the PACS), and what is read from the PACS is kept for the next reader. When the copies pass
/// <paramref name="budgetBytes"/>, the least recently read go first. Frames and metadata are taken from the local
/// copy, so a viewer asking for several renditions of one photo fetches it from the PACS once.
/// </summary>
/// <remarks>The budget must exceed the outbox's backlog: a copy evicted before its delivery is read again only once the PACS has it.</remarks>
public sealed class LocalCopyDicomStore(IDicomStore remote, string copyDirectory, long budgetBytes) : IDicomStore
{
    private readonly BoundedFolder copies = new(copyDirectory, "*.dcm", budgetBytes);

    public async Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default)
    {
        var info = DicomInstanceInfo.FromInstance(instance);
        await KeepAsync(info.Key.SopInstanceUid, instance, cancellationToken).ConfigureAwait(false);
        return await remote.StoreAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default) =>
        remote.FindAsync(query, cancellationToken);

    public async Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) =>
        await CopyOfAsync(key, cancellationToken).ConfigureAwait(false) is { } path
            ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)
            : null;

    public async Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default) =>
        await CopyOfAsync(key, cancellationToken).ConfigureAwait(false) is { } path
            ? DicomFrames.Extract(DicomFile.Open(path, new DicomReaderOptions { LazyPixelData = true }).Dataset, frameNumber)
            : null;

    public async Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) =>
        await CopyOfAsync(key, cancellationToken).ConfigureAwait(false) is { } path
            ? DicomJsonWriter.ToJson(DicomFile.Open(path, new DicomReaderOptions { HeaderOnly = true }).Dataset)
            : null;

    public async Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(sopInstanceUid));
        return await remote.DeleteAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The local copy's path, fetched from the remote store when there is none; null when neither has it.</summary>
    private async Task<string?> CopyOfAsync(DicomInstanceKey key, CancellationToken cancellationToken)
    {
        var path = PathOf(key.SopInstanceUid);
        if (File.Exists(path))
        {
            BoundedFolder.Touch(path); // least recently read goes first
            return path;
        }
        var instance = await remote.RetrieveAsync(key, cancellationToken).ConfigureAwait(false);
        if (instance is null)
            return null;
        await KeepAsync(key.SopInstanceUid, instance, cancellationToken).ConfigureAwait(false);
        return path;
    }

    private Task KeepAsync(string sopInstanceUid, ReadOnlyMemory<byte> instance, CancellationToken cancellationToken) =>
        copies.WriteAsync(PathOf(sopInstanceUid), (temporary, token) => File.WriteAllBytesAsync(temporary, instance, token), cancellationToken);

    private string PathOf(string sopInstanceUid) => copies.PathOf(sopInstanceUid, ".dcm");
}

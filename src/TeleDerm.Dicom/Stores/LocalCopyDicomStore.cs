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
    private readonly string directory = Path.GetFullPath(copyDirectory);
    private readonly SemaphoreSlim trimming = new(1, 1);
    private long bytesSinceTrim = long.MaxValue / 2; // trim once at the first write: the folder may hold copies from before a restart

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

    /// <summary>The local copy's path, fetched from the remote store when there is none; null when neither has it.</summary>
    public async Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(sopInstanceUid));
        return await remote.DeleteAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> CopyOfAsync(DicomInstanceKey key, CancellationToken cancellationToken)
    {
        var path = PathOf(key.SopInstanceUid);
        if (File.Exists(path))
        {
            // Least recently read goes first: each read sets the copy's modification time (access times are often not kept).
            TryTouch(path);
            return path;
        }
        var instance = await remote.RetrieveAsync(key, cancellationToken).ConfigureAwait(false);
        if (instance is null)
            return null;
        await KeepAsync(key.SopInstanceUid, instance, cancellationToken).ConfigureAwait(false);
        return path;
    }

    private async Task KeepAsync(string sopInstanceUid, ReadOnlyMemory<byte> instance, CancellationToken cancellationToken)
    {
        var path = PathOf(sopInstanceUid);
        Directory.CreateDirectory(directory);
        // Written aside then renamed: a reader never opens half a file, and two writers of one instance both succeed.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, instance, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        if (Interlocked.Add(ref bytesSinceTrim, instance.Length) > budgetBytes / 10)
            await TrimAsync().ConfigureAwait(false);
    }

    /// <summary>Deletes the least recently read copies until the folder is within the budget.</summary>
    private async Task TrimAsync()
    {
        if (!await trimming.WaitAsync(0).ConfigureAwait(false))
            return;
        try
        {
            Interlocked.Exchange(ref bytesSinceTrim, 0);
            var copies = new DirectoryInfo(directory).GetFiles("*.dcm").OrderByDescending(f => f.LastWriteTimeUtc).ToList();
            long kept = 0;
            foreach (var copy in copies)
            {
                kept += copy.Length;
                if (kept > budgetBytes)
                    TryDelete(copy.FullName);
            }
        }
        finally
        {
            trimming.Release();
        }
    }

    private string PathOf(string sopInstanceUid)
    {
        // UIDs are digits and dots (PS3.5 9.1): anything else must never become a path.
        if (sopInstanceUid.Length is 0 or > 64 || sopInstanceUid.Any(c => c is not (>= '0' and <= '9' or '.')))
            throw new ArgumentException($"'{sopInstanceUid}' is not a DICOM UID.", nameof(sopInstanceUid));
        return Path.Combine(directory, sopInstanceUid + ".dcm");
    }

    private static void TryTouch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Being read right now: the next trim takes it.
        }
    }
}

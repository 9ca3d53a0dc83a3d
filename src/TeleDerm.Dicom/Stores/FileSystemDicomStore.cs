using System.Security.Cryptography;
using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Json;

namespace TeleDerm.Dicom.Stores;

/// <summary>
/// The embedded default store: Part 10 files under a root folder at {study}/{series}/{sop}.dcm (UIDs are
/// digits and dots, checked before they become a path), indexed in the application's database. It keeps
/// <paramref name="minimumFreeBytes"/> free on its disk (the database and the logs often share it): an instance
/// that would leave less is refused, as is one the disk turns out to have no room for, and nothing of it is left.
/// </summary>
public sealed class FileSystemDicomStore(string rootDirectory, IDicomStoreIndex index, TimeProvider? clock = null, long minimumFreeBytes = 0) : IDicomStore
{
    private const int NoSpaceLeftOnDevice = 28; // ENOSPC
    private const int DiskQuotaExceeded = 122; // EDQUOT
    private readonly string root = Path.GetFullPath(rootDirectory);
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>Bytes free for this store: the disk's free space above the amount it keeps free.</summary>
    public long RoomBytes()
    {
        Directory.CreateDirectory(root);
        return new DriveInfo(root).AvailableFreeSpace - minimumFreeBytes;
    }

    public async Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default)
    {
        var info = DicomInstanceInfo.FromInstance(instance);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(instance.Span));
        var existing = await index.FindAsync(info.Key.SopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return SameOrConflict(existing, sha256);

        var relativePath = Path.Combine(info.Key.StudyInstanceUid, info.Key.SeriesInstanceUid, info.Key.SopInstanceUid + ".dcm");
        var path = Path.Combine(root, relativePath);
        if (RoomBytes() < instance.Length)
            throw new DicomStoreFullException($"the image store's disk ({root}) has too little free space left for {instance.Length / 1024} KB (it keeps {minimumFreeBytes / (1024 * 1024)} MB free)");
        await WriteNewFileAsync(path, instance, sha256, cancellationToken).ConfigureAwait(false);

        var entry = new DicomIndexEntry(info.Key.StudyInstanceUid, info.Key.SeriesInstanceUid, info.Key.SopInstanceUid, info.SopClassUid,
            info.PatientId, info.TrackingUid, info.AcquisitionDateTime, relativePath.Replace('\\', '/'), instance.Length, sha256, clock.GetUtcNow().UtcDateTime);
        if (!await index.TryAddAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            // Another writer indexed the same UID between our look-up and now: the same rule applies.
            existing = await index.FindAsync(info.Key.SopInstanceUid, cancellationToken).ConfigureAwait(false);
            return SameOrConflict(existing!, sha256);
        }

        return info;
    }

    public async Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty)
            throw new ArgumentException("give a patient ID, a Study Instance UID or a Tracking UID", nameof(query));
        var entries = await index.FindAsync(query, cancellationToken).ConfigureAwait(false);
        return entries.Select(ToInfo).ToList();
    }

    public async Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default)
    {
        var entry = await FindEntryAsync(key, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : await File.ReadAllBytesAsync(Path.Combine(root, entry.RelativePath), cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default)
    {
        var entry = await FindEntryAsync(key, cancellationToken).ConfigureAwait(false);
        if (entry is null)
            return null;
        var file = DicomFile.Open(Path.Combine(root, entry.RelativePath), new DicomReaderOptions { LazyPixelData = true });
        return DicomFrames.Extract(file.Dataset, frameNumber);
    }

    public async Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default)
    {
        var entry = await FindEntryAsync(key, cancellationToken).ConfigureAwait(false);
        if (entry is null)
            return null;
        var file = DicomFile.Open(Path.Combine(root, entry.RelativePath), new DicomReaderOptions { HeaderOnly = true });
        return DicomJsonWriter.ToJson(file.Dataset);
    }

    /// <summary>The index entry first (readers stop finding it), then the file; a file left by a crash in between is unreachable.</summary>
    public async Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        var entry = await index.FindAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (entry is null || !await index.RemoveAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false))
            return false;
        File.Delete(Path.Combine(root, entry.RelativePath));
        return true;
    }

    private async Task<DicomIndexEntry?> FindEntryAsync(DicomInstanceKey key, CancellationToken cancellationToken)
    {
        var entry = await index.FindAsync(key.SopInstanceUid, cancellationToken).ConfigureAwait(false);
        return entry is not null && entry.StudyInstanceUid == key.StudyInstanceUid && entry.SeriesInstanceUid == key.SeriesInstanceUid ? entry : null;
    }

    private static DicomInstanceInfo SameOrConflict(DicomIndexEntry existing, string sha256) =>
        existing.Sha256 == sha256
            ? ToInfo(existing)
            : throw new DicomStoreConflictException($"a different instance with SOP Instance UID {existing.SopInstanceUid} is already stored; it is not overwritten");

    // Written under a temporary name, flushed, then renamed: a reader never sees half a file, and a crash
    // leaves only a .tmp behind. The rename never replaces an existing file.
    private static async Task WriteNewFileAsync(string path, ReadOnlyMemory<byte> instance, string sha256, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await stream.WriteAsync(instance, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Nothing half-written stays behind: the part written goes, whatever stopped the write.
            File.Delete(temporary);
            if (e is IOException { HResult: NoSpaceLeftOnDevice or DiskQuotaExceeded })
                throw new DicomStoreFullException($"the image store's disk ({Path.GetDirectoryName(path)}) is full", e);
            throw;
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            // A file without an index entry (an earlier store interrupted before indexing): keep it if it is
            // this very instance, refuse otherwise.
            var present = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)));
            if (present != sha256)
                throw new DicomStoreConflictException($"{path} holds a different instance with the same UIDs; it is not overwritten");
        }
    }

    private static DicomInstanceInfo ToInfo(DicomIndexEntry e) =>
        new(new DicomInstanceKey(e.StudyInstanceUid, e.SeriesInstanceUid, e.SopInstanceUid), e.SopClassUid, e.PatientId, e.TrackingUid, e.AcquisitionDateTime, e.Size);
}

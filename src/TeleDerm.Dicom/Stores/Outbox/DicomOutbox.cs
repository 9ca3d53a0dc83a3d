namespace TeleDerm.Dicom.Stores.Outbox;

/// <summary>
/// A remote store behind a persistent outbox: <see cref="StoreAsync"/> keeps the bytes in a file under the
/// outbox folder and a row in the queue, then returns; <see cref="RunDeliveryAsync"/> sends them to the
/// remote store, retrying with capped exponential back-off until it accepts. Nothing is lost while the
/// remote store is down or across a restart: a new instance over the same folder and queue resumes.
/// Find and retrieve go to the remote store (an instance still pending is not found there yet).
/// </summary>
public sealed class DicomOutbox(IDicomStore remote, IDicomOutboxQueue queue, string outboxDirectory, DicomOutboxOptions? options = null, TimeProvider? clock = null)
    : IDicomStore, IDisposable
{
    private readonly string directory = Path.GetFullPath(outboxDirectory);
    private readonly DicomOutboxOptions options = options ?? new DicomOutboxOptions();
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim wake = new(0);

    public async Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default)
    {
        var info = DicomInstanceInfo.FromInstance(instance);
        var id = Guid.NewGuid();
        var relativePath = id.ToString("N") + ".dcm";
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(directory);

        // The file is complete and on disk before the row exists, so a row always has its bytes.
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(instance, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
        var now = clock.GetUtcNow().UtcDateTime;
        await queue.AddAsync(new DicomOutboxEntry(id, info.Key.SopInstanceUid, relativePath, 0, now), now, cancellationToken).ConfigureAwait(false);
        wake.Release();
        return info;
    }

    public Task<int> PendingCountAsync(CancellationToken cancellationToken = default) => queue.PendingCountAsync(cancellationToken);

    /// <summary>Still waiting: never sent, its file removed. Already delivered: as the remote store can (DICOMweb: not at all).</summary>
    public async Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        if (await queue.TakePendingAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false) is not { } pending)
            return await remote.DeleteAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false);
        File.Delete(Path.Combine(directory, pending.RelativePath));
        return true;
    }

    /// <summary>Delivers until cancelled: every due entry, then sleeps until the next is due or a new one arrives.</summary>
    public async Task RunDeliveryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(cancellationToken).ConfigureAwait(false) > 0)
                    continue;
                var next = await queue.NextDueAsync(cancellationToken).ConfigureAwait(false);
                var wait = next is null ? options.IdlePollInterval : next.Value - clock.GetUtcNow().UtcDateTime;
                if (wait > options.IdlePollInterval)
                    wait = options.IdlePollInterval;
                if (wait > TimeSpan.Zero)
                    await SleepAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One pass over the entries due now (at most a batch); returns how many were attempted. Each entry is claimed
    /// just before it is sent, so another instance never sends it meanwhile and a crash strands only that one
    /// until its claim runs out.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var attempted = 0;
        while (attempted < options.BatchSize)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await queue.ClaimDueAsync(now, 1, now + options.Claim, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
                break;
            await DeliverAsync(claimed[0], cancellationToken).ConfigureAwait(false);
            attempted++;
        }
        return attempted;
    }

    private async Task DeliverAsync(DicomOutboxEntry entry, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, entry.RelativePath);
        if (!File.Exists(path))
        {
            await queue.RejectAsync(entry.Id, $"the kept copy {path} is missing", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await remote.StoreAsync(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the entry is due again at once (for this instance restarted, or another), not after the claim.
            await queue.RescheduleAsync(entry.Id, entry.Attempts, clock.GetUtcNow().UtcDateTime, "delivery interrupted: the app stopped", CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
        catch (DicomStoreRejectedException e)
        {
            await queue.RejectAsync(entry.Id, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is DicomStoreUnavailableException or HttpRequestException or IOException or TimeoutException
                                       or System.Net.Sockets.SocketException)
        {
            var attempts = entry.Attempts + 1;
            var next = clock.GetUtcNow().UtcDateTime + options.RetryDelay(attempts);
            await queue.RescheduleAsync(entry.Id, attempts, next, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Row first, then file: a crash in between leaves a stray file, never a row without its bytes.
        await queue.RemoveAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        File.Delete(path);
    }

    private async Task SleepAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = wake.WaitAsync(linked.Token);
        var slept = Task.Delay(wait, clock, linked.Token);
        await Task.WhenAny(woken, slept).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        // Several arrivals may have released the semaphore: one pass delivers them all.
        while (wake.CurrentCount > 0 && wake.Wait(0))
        {
        }
    }

    public Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default) =>
        remote.FindAsync(query, cancellationToken);

    public Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) =>
        remote.RetrieveAsync(key, cancellationToken);

    public Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default) =>
        remote.RetrieveFrameAsync(key, frameNumber, cancellationToken);

    public Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) =>
        remote.RetrieveMetadataAsync(key, cancellationToken);

    public void Dispose() => wake.Dispose();
}

namespace TeleDerm.Dicom.Stores.Outbox;

/// <summary>An instance waiting for the remote store; its bytes are the file at RelativePath under the outbox folder.</summary>
public sealed record DicomOutboxEntry(Guid Id, string SopInstanceUid, string RelativePath, int Attempts, DateTime NextAttemptAtUtc);

/// <summary>The durable list of pending deliveries (rows in the application's database, see TeleDerm.Dicom.Storage).</summary>
public interface IDicomOutboxQueue
{
    Task AddAsync(DicomOutboxEntry entry, DateTime enqueuedAtUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> entries due at <paramref name="nowUtc"/>, oldest due first, by moving each one's
    /// next attempt to <paramref name="claimedUntilUtc"/> (compare-and-set): several instances over one queue never
    /// deliver the same entry at once, and the entries of an instance that died are due again when its claim runs out.
    /// Rejected entries never come back.
    /// </summary>
    Task<IReadOnlyList<DicomOutboxEntry>> ClaimDueAsync(DateTime nowUtc, int max, DateTime claimedUntilUtc, CancellationToken cancellationToken = default);

    /// <summary>When the next pending entry falls due; null when nothing is pending.</summary>
    Task<DateTime?> NextDueAsync(CancellationToken cancellationToken = default);

    Task<int> PendingCountAsync(CancellationToken cancellationToken = default);

    Task RemoveAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the pending entry of this instance, if it was not delivered yet.</summary>
    Task<DicomOutboxEntry?> TakePendingAsync(string sopInstanceUid, CancellationToken cancellationToken = default);

    Task RescheduleAsync(Guid id, int attempts, DateTime nextAttemptAtUtc, string error, CancellationToken cancellationToken = default);

    /// <summary>The remote store refused the instance itself: keep the entry (and its file) for a person to look at.</summary>
    Task RejectAsync(Guid id, string error, CancellationToken cancellationToken = default);
}

using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Core.Imaging;
using TeleDerm.Dicom.Stores.Outbox;

namespace TeleDerm.Dicom.Storage;

/// <summary>The outbox queue as rows of DicomOutbox: survives restarts with the database.</summary>
public sealed class EfDicomOutboxQueue(IDbContextFactory<TeleDermDbContext> databases) : IDicomOutboxQueue
{
    private const int MaxErrorLength = 2000;

    public async Task AddAsync(DicomOutboxEntry entry, DateTime enqueuedAtUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.DicomOutbox.Add(new DicomOutboxItem
        {
            Id = entry.Id,
            SopInstanceUid = entry.SopInstanceUid,
            RelativePath = entry.RelativePath,
            EnqueuedAtUtc = enqueuedAtUtc,
            Attempts = entry.Attempts,
            NextAttemptAtUtc = entry.NextAttemptAtUtc,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DicomOutboxEntry>> ClaimDueAsync(DateTime nowUtc, int max, DateTime claimedUntilUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.DicomOutbox.AsNoTracking()
            .Where(i => !i.IsRejected && i.NextAttemptAtUtc <= nowUtc)
            .OrderBy(i => i.NextAttemptAtUtc).ThenBy(i => i.EnqueuedAtUtc)
            .Take(max)
            .Select(i => new DicomOutboxEntry(i.Id, i.SopInstanceUid, i.RelativePath, i.Attempts, i.NextAttemptAtUtc))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<DicomOutboxEntry>(due.Count);
        foreach (var entry in due)
        {
            var seen = entry.NextAttemptAtUtc;
            var won = await db.DicomOutbox.Where(i => i.Id == entry.Id && i.NextAttemptAtUtc == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.NextAttemptAtUtc, claimedUntilUtc), cancellationToken).ConfigureAwait(false);
            if (won == 1)
            {
                claimed.Add(entry);
            }
        }
        return claimed;
    }

    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.DicomOutbox.Where(i => !i.IsRejected).MinAsync(i => (DateTime?)i.NextAttemptAtUtc, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.DicomOutbox.CountAsync(i => !i.IsRejected, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DicomOutboxEntry?> TakePendingAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var item = await db.DicomOutbox.AsNoTracking().FirstOrDefaultAsync(i => i.SopInstanceUid == sopInstanceUid && !i.IsRejected, cancellationToken).ConfigureAwait(false);
        // Taken only if still there: a delivery that removed it first has sent it.
        return item is not null && await db.DicomOutbox.Where(i => i.Id == item.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1
            ? new DicomOutboxEntry(item.Id, item.SopInstanceUid, item.RelativePath, item.Attempts, item.NextAttemptAtUtc)
            : null;
    }

    public async Task RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.DicomOutbox.Where(i => i.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RescheduleAsync(Guid id, int attempts, DateTime nextAttemptAtUtc, string error, CancellationToken cancellationToken = default)
    {
        var text = Shorten(error);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.DicomOutbox.Where(i => i.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Attempts, attempts).SetProperty(i => i.NextAttemptAtUtc, nextAttemptAtUtc).SetProperty(i => i.LastError, text),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task RejectAsync(Guid id, string error, CancellationToken cancellationToken = default)
    {
        var text = Shorten(error);
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.DicomOutbox.Where(i => i.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(i => i.IsRejected, true).SetProperty(i => i.LastError, text),
            cancellationToken).ConfigureAwait(false);
    }

    private static string Shorten(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}

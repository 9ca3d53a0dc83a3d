using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Audit;

public sealed record AuditChainVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem);

/// <summary>
/// Walks the whole trail in sequence order and recomputes every hash. Reports the first entry where the
/// chain breaks: a changed entry (its hash no longer matches), a deleted one (a gap in the sequence or a
/// previous-hash that points elsewhere).
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<TeleDermDbContext> contextFactory)
{
    private const int BatchSize = 1000;

    public async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var expectedPrevious = AuditHash.Genesis;
        long expectedSequence = 1, checkedCount = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new AuditChainVerification(true, checkedCount, null, null);
            }
            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return Broken(checkedCount, expectedSequence, $"Entry {expectedSequence} is missing: the next entry found is {entry.Sequence}.");
                }
                if (entry.PreviousHash != expectedPrevious)
                {
                    return Broken(checkedCount, entry.Sequence, $"Entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: an entry was removed or replaced.");
                }
                if (AuditHash.Compute(entry) != entry.Hash)
                {
                    return Broken(checkedCount, entry.Sequence, $"Entry {entry.Sequence} was altered after it was written: its content no longer matches its hash.");
                }
                expectedPrevious = entry.Hash;
                expectedSequence++;
                checkedCount++;
            }
        }
    }

    private static AuditChainVerification Broken(long checkedCount, long sequence, string problem) =>
        new(false, checkedCount, sequence, problem);
}

using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Audit;

/// <summary>One thing wrong with the trail, at the entry where it shows.</summary>
public sealed record AuditProblem(long Sequence, string Description);

public sealed record AuditChainVerification(bool IsIntact, long EntriesChecked, IReadOnlyList<AuditProblem> Problems)
{
    public long? FirstBrokenSequence => Problems.Count > 0 ? Problems[0].Sequence : null;
    public string? Problem => Problems.Count > 0 ? Problems[0].Description : null;
}

/// <summary>
/// Walks the whole trail in sequence order, recomputes every hash (keyed with the seal key for sealed entries)
/// and compares the trail with its checkpoints. Reports every place where it breaks, with its position:
/// altered entries (content no longer matches the hash), removed ones (a gap, or a previous-hash pointing
/// elsewhere), unsealed entries after sealed ones (rewritten), and a trail shorter than, or different from,
/// what a checkpoint recorded (truncated or rewritten).
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<TeleDermDbContext> contextFactory, AuditSealKey? seal = null, AuditCheckpointFile? checkpoints = null)
{
    private const int BatchSize = 1000;
    // A broken trail can break everywhere after; the first problems say where to look.
    private const int MaxProblems = 100;

    public async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<AuditProblem>();
        void Report(long sequence, string description)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add(new AuditProblem(sequence, description));
            }
        }
        var recorded = checkpoints is null ? [] : await checkpoints.ReadAsync(cancellationToken);
        var trusted = new List<AuditCheckpoint>();
        foreach (var (checkpoint, line) in recorded.Select((c, i) => (c, i + 1)))
        {
            if (checkpoint is not null && checkpoint.IsAuthentic(seal))
            {
                trusted.Add(checkpoint);
            }
            else
            {
                Report(checkpoint?.Sequence ?? 0, $"Checkpoint line {line} of {checkpoints!.Path} is not authentic: it was not written by this server's key.");
            }
        }
        var hashesAtCheckpoints = trusted.Select(c => c.Sequence).ToHashSet();
        var seen = new Dictionary<long, string>();

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var expectedPrevious = AuditHash.Genesis;
        long expectedSequence = 1, checkedCount = 0;
        var sealedSeen = false;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence)
                {
                    Report(expectedSequence, entry.Sequence == expectedSequence + 1
                        ? $"Entry {expectedSequence} is missing."
                        : $"Entries {expectedSequence} to {entry.Sequence - 1} are missing.");
                }
                else if (entry.PreviousHash != expectedPrevious)
                {
                    Report(entry.Sequence, $"Entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: an entry was removed or replaced.");
                }
                CheckHash(entry, sealedSeen, Report);
                sealedSeen |= entry.KeyId is not null;
                if (hashesAtCheckpoints.Contains(entry.Sequence))
                {
                    seen[entry.Sequence] = entry.Hash;
                }
                expectedPrevious = entry.Hash;
                expectedSequence = entry.Sequence + 1;
                checkedCount++;
            }
        }
        var last = expectedSequence - 1;
        foreach (var checkpoint in trusted.OrderBy(c => c.Sequence))
        {
            if (checkpoint.Sequence > last)
            {
                Report(last + 1, $"Entries {last + 1} to {checkpoint.Sequence} were removed from the end: the checkpoint of {checkpoint.AtUtc:u} recorded {checkpoint.Sequence} entries.");
                break;
            }
            if (seen.GetValueOrDefault(checkpoint.Sequence) != checkpoint.Hash)
            {
                Report(checkpoint.Sequence, $"Entry {checkpoint.Sequence} is not the one the checkpoint of {checkpoint.AtUtc:u} recorded: the trail was rewritten up to there.");
            }
        }
        problems.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return new AuditChainVerification(problems.Count == 0, checkedCount, problems);
    }

    private void CheckHash(AuditEntry entry, bool sealedSeen, Action<long, string> report)
    {
        if (entry.KeyId is null && sealedSeen)
        {
            report(entry.Sequence, $"Entry {entry.Sequence} is not sealed although earlier entries are: it was rewritten.");
            return;
        }
        try
        {
            if (AuditHash.Compute(entry, seal) != entry.Hash)
            {
                report(entry.Sequence, $"Entry {entry.Sequence} was altered after it was written: its content no longer matches its hash.");
            }
        }
        catch (AuditKeyUnavailableException unavailable)
        {
            report(entry.Sequence, unavailable.Message);
        }
    }
}

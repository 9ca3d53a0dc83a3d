using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Intake;

/// <summary>What claiming a submission's key found.</summary>
public enum KeyClaimOutcome
{
    /// <summary>The key is this submission's: go ahead and create the case.</summary>
    Claimed,
    /// <summary>A retry: the same key and content already created <see cref="KeyClaim.CaseId"/>.</summary>
    Replay,
    /// <summary>The first attempt failed and released the key in between: this one may try again.</summary>
    Released,
    /// <summary>The same key with other content: refused, never a second case.</summary>
    Reused,
    /// <summary>A first attempt with this key is still running.</summary>
    Pending,
}

public sealed record KeyClaim(KeyClaimOutcome Outcome, Guid? CaseId = null);

/// <summary>
/// The key of a submission from practice software (the REST API's Idempotency-Key, the FHIR request's identifier):
/// claimed before the case is created, so that a retry gets the first case and a concurrent duplicate waits; released
/// when nothing was created. The intake links the key to its case in the case's own transaction.
/// </summary>
public static class SubmissionKeys
{
    public static async Task<KeyClaim> ClaimAsync(TeleDermDbContext db, Guid practiceId, string key, string hash, TimeProvider clock, TimeSpan abandonedAfter)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new IdempotentSubmission { PracticeId = practiceId, Key = key, RequestHash = hash, CreatedAtUtc = now });
        try
        {
            await db.SaveChangesAsync();
            return new(KeyClaimOutcome.Claimed);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var first = await db.Set<IdempotentSubmission>().AsNoTracking().SingleOrDefaultAsync(s => s.PracticeId == practiceId && s.Key == key);
        if (first is null)
        {
            return new(KeyClaimOutcome.Released);
        }
        if (first.RequestHash != hash)
        {
            return new(KeyClaimOutcome.Reused, first.CaseId);
        }
        if (first.CaseId is not { } caseId)
        {
            // A first attempt that died (database gone, server stopped) before creating its case, and could not release
            // its key: past the time any submission takes, a retry takes the key over (one retry only: compare-and-set).
            var abandoned = first.CreatedAtUtc <= now - abandonedAfter && await db.Set<IdempotentSubmission>()
                .Where(s => s.PracticeId == practiceId && s.Key == key && s.CaseId == null && s.CreatedAtUtc == first.CreatedAtUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAtUtc, now)) == 1;
            return new(abandoned ? KeyClaimOutcome.Claimed : KeyClaimOutcome.Pending);
        }
        return new(KeyClaimOutcome.Replay, caseId);
    }

    public static Task ReleaseAsync(TeleDermDbContext db, Guid practiceId, string key) =>
        db.Set<IdempotentSubmission>().Where(s => s.PracticeId == practiceId && s.Key == key && s.CaseId == null).ExecuteDeleteAsync();
}

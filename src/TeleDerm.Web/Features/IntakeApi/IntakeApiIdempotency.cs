using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>The Idempotency-Key of a submission: claimed before the case is created, so that a retry gets the first case and a concurrent duplicate a 409; released when nothing was created.</summary>
internal static class IntakeApiIdempotency
{
    /// <summary>
    /// Remembers the key before doing the work. Null: go ahead. Otherwise the answer to give: the first
    /// result (a retry), "still running" (a concurrent duplicate), or a refusal (same key, other content).
    /// </summary>
    internal static async Task<IResult?> ClaimKeyAsync(TeleDermDbContext db, Guid practiceId, string key, string hash, TimeProvider clock,
        TimeSpan abandonedAfter, ApiProblems problems)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new IdempotentSubmission { PracticeId = practiceId, Key = key, RequestHash = hash, CreatedAtUtc = now });
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var first = await db.Set<IdempotentSubmission>().AsNoTracking().SingleOrDefaultAsync(s => s.PracticeId == practiceId && s.Key == key);
        if (first is null)
        {
            // The first attempt failed and released the key in between: this one may try again.
            return problems.Problem(StatusCodes.Status409Conflict, "IdempotencyKeyReleased");
        }
        if (first.RequestHash != hash)
        {
            return problems.Problem(StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused");
        }
        if (first.CaseId is not { } caseId)
        {
            // A first attempt that died (database gone, server stopped) before creating its case, and could not release
            // its key: past the time any submission takes, a retry takes the key over (one retry only: compare-and-set).
            var abandoned = first.CreatedAtUtc <= now - abandonedAfter && await db.Set<IdempotentSubmission>()
                .Where(s => s.PracticeId == practiceId && s.Key == key && s.CaseId == null && s.CreatedAtUtc == first.CreatedAtUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAtUtc, now)) == 1;
            return abandoned ? null : problems.RetryLater(StatusCodes.Status409Conflict, "IdempotencyKeyPending", retryAfterSeconds: 2);
        }
        var created = await CreatedAsync(db, caseId);
        return Results.Created(created.StatusUrl, created);
    }

    internal static Task ReleaseKeyAsync(TeleDermDbContext db, Guid practiceId, string key) =>
        db.Set<IdempotentSubmission>().Where(s => s.PracticeId == practiceId && s.Key == key && s.CaseId == null).ExecuteDeleteAsync();

    internal static async Task<ApiCaseCreated> CreatedAsync(TeleDermDbContext db, Guid caseId)
    {
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Lesions).ThenInclude(l => l.Lesion).SingleAsync(c => c.Id == caseId);
        return new ApiCaseCreated(@case.Id, @case.Reference, @case.Status, $"/api/v1/cases/{@case.Id}",
            [.. @case.Lesions.Select(l => new ApiCreatedLesion(l.LesionId, l.Lesion!.BodySiteCode, l.Lesion.TrackingUid))]);
    }

    /// <summary>SHA-256 over the JSON and every file part (by name), so a retry is recognised and a different request with the same key is not.</summary>
    internal static string RequestHash(byte[] json, Dictionary<string, PhotoInput> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(json);
        foreach (var (name, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{name}\n{file.Bytes.Length}\n"));
            hash.AppendData(file.Bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

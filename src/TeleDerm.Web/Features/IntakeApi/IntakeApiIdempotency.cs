using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>The Idempotency-Key of a REST submission (<see cref="SubmissionKeys"/>) as the API answers it, and the hash that recognises a retry.</summary>
internal static class IntakeApiIdempotency
{
    /// <summary>
    /// Claims the key before doing the work (<see cref="SubmissionKeys"/>). Null: go ahead. Otherwise the answer to give:
    /// the first result (a retry), "still running" (a concurrent duplicate), or a refusal (same key, other content).
    /// </summary>
    internal static async Task<IResult?> ClaimKeyAsync(TeleDermDbContext db, Guid practiceId, string key, string hash, TimeProvider clock,
        TimeSpan abandonedAfter, ApiProblems problems)
    {
        var claim = await SubmissionKeys.ClaimAsync(db, practiceId, key, hash, clock, abandonedAfter);
        switch (claim.Outcome)
        {
            case KeyClaimOutcome.Claimed:
                return null;
            case KeyClaimOutcome.Released:
                return problems.Problem(StatusCodes.Status409Conflict, "IdempotencyKeyReleased");
            case KeyClaimOutcome.Reused:
                return problems.Problem(StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused");
            case KeyClaimOutcome.Pending:
                return problems.RetryLater(StatusCodes.Status409Conflict, "IdempotencyKeyPending", retryAfterSeconds: 2);
            default:
                var created = await CreatedAsync(db, claim.CaseId!.Value);
                return Results.Created(created.StatusUrl, created);
        }
    }

    internal static Task ReleaseKeyAsync(TeleDermDbContext db, Guid practiceId, string key) => SubmissionKeys.ReleaseAsync(db, practiceId, key);

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

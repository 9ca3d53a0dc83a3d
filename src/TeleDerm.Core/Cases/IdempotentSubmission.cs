using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Cases;

/// <summary>
/// An intake API request remembered by its Idempotency-Key, so that a retry (after a timeout, a lost
/// answer) returns the first result instead of creating a second case. The row is written before the
/// case: a second request with the same key while the first is still running finds it without a case
/// and is told to retry later. A request refused for its content leaves no row, so it can be corrected.
/// </summary>
public class IdempotentSubmission
{
    public Guid PracticeId { get; set; }
    /// <summary>The client's Idempotency-Key header (unique per practice).</summary>
    public string Key { get; set; } = "";
    /// <summary>SHA-256 of the request's JSON part and files: the same key with other content is refused.</summary>
    public string RequestHash { get; set; } = "";
    public Guid? CaseId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Which Idempotency-Key a submission claimed: the intake links it to the case it creates, in the same transaction.</summary>
public sealed record SubmissionKey(Guid PracticeId, string Key);

internal sealed class IdempotentSubmissionConfiguration : IEntityTypeConfiguration<IdempotentSubmission>
{
    public void Configure(EntityTypeBuilder<IdempotentSubmission> submission)
    {
        submission.ToTable("IdempotentSubmissions");
        submission.HasKey(s => new { s.PracticeId, s.Key });
        submission.Property(s => s.Key).HasMaxLength(100);
        submission.Property(s => s.RequestHash).HasMaxLength(64);
    }
}

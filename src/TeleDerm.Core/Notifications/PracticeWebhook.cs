using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// Where a practice's software wants to be told, over HTTPS, of what waits for its GPs (one address per practice). The
/// signing secret is kept encrypted by the Data Protection key ring (<see cref="WebhookSecrets"/>): the practice checks
/// each call with it, so TeleDerm must be able to compute the signature, unlike an API key of which a hash is enough.
/// </summary>
public sealed class PracticeWebhook
{
    public Guid PracticeId { get; set; }
    public string Url { get; set; } = "";
    public string ProtectedSecret { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedByUserId { get; set; } = "";
    /// <summary>The last call the practice's software answered with a success, and the last it did not (administrators' page).</summary>
    public DateTime? LastSuccessAtUtc { get; set; }
    public DateTime? LastFailureAtUtc { get; set; }
    public string? LastError { get; set; }
}

internal sealed class PracticeWebhookConfiguration : IEntityTypeConfiguration<PracticeWebhook>
{
    public void Configure(EntityTypeBuilder<PracticeWebhook> webhook)
    {
        webhook.ToTable("PracticeWebhooks");
        webhook.HasKey(w => w.PracticeId);
        webhook.Property(w => w.Url).HasMaxLength(PracticeWebhookRules.MaxUrlLength);
        webhook.Property(w => w.ProtectedSecret).HasMaxLength(1000);
        webhook.Property(w => w.CreatedByUserId).HasMaxLength(64);
        webhook.Property(w => w.LastError).HasMaxLength(300);
        webhook.HasOne<Practice>().WithOne().HasForeignKey<PracticeWebhook>(w => w.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

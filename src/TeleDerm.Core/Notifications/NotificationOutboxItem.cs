using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// A notification to send, written in the same transaction as the change it tells of, so that it is sent even if the
/// mail server or the practice's receiver is down for hours or the app restarts (<see cref="NotificationDelivery"/>).
/// Holds no patient data: the kind, the case's id for the link, and the recipient.
/// </summary>
public sealed class NotificationOutboxItem
{
    public Guid Id { get; set; }
    public NotificationKind Kind { get; set; }
    public NotificationChannel Channel { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The GP it is for (an e-mail goes to them; a webhook call tells their practice's software).</summary>
    public string RecipientUserId { get; set; } = "";
    /// <summary>The practice whose webhook is called (<see cref="NotificationChannel.Webhook"/> only).</summary>
    public Guid? PracticeId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Not before this time (later after each failed try).</summary>
    public DateTime NextAttemptAtUtc { get; set; }
    public int Attempts { get; set; }
    /// <summary>An instance sending it holds it until then; one that died lets it go when the time passes.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
    /// <summary>When it was sent, or settled without sending (<see cref="Outcome"/>).</summary>
    public DateTime? DoneAtUtc { get; set; }
    /// <summary>"sent", or why nothing was sent ("e-mail off", "no address"...).</summary>
    public string? Outcome { get; set; }
    public string? LastError { get; set; }
    /// <summary>What makes this notification one of a kind, when it must not be added twice (a reminder: the question's id).</summary>
    public string? DedupKey { get; set; }
}

internal sealed class NotificationOutboxItemConfiguration : IEntityTypeConfiguration<NotificationOutboxItem>
{
    public void Configure(EntityTypeBuilder<NotificationOutboxItem> item)
    {
        item.ToTable("NotificationOutbox");
        item.HasKey(i => i.Id);
        item.Property(i => i.RecipientUserId).HasMaxLength(450);
        item.Property(i => i.Outcome).HasMaxLength(100);
        item.Property(i => i.LastError).HasMaxLength(1000);
        item.Property(i => i.DedupKey).HasMaxLength(100);
        // Two instances adding the same reminder at once: the second insert fails and is dropped.
        item.HasIndex(i => i.DedupKey).IsUnique();
        // The delivery's question: what is due and not done.
        item.HasIndex(i => new { i.DoneAtUtc, i.NextAttemptAtUtc });
    }
}

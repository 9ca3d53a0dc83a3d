namespace TeleDerm.Core.Notifications;

/// <summary>One notification to one person, in their language; everything it may say is here (no patient data).</summary>
/// <param name="NotificationId">The outbox item's id: a message sent again (an instance died before recording the send) carries the same one.</param>
/// <param name="Digest">
/// For a person who chose <see cref="EmailNotifications.DailyDigest"/>: everything that waits for them, this
/// notification first; null for a notification sent on its own.
/// </param>
public sealed record NotificationMessage(Guid NotificationId, NotificationKind Kind, Guid CaseId, string RecipientEmail, string RecipientName, string Culture,
    IReadOnlyList<NotificationLine>? Digest = null);

/// <summary>One thing that waits, in a digest.</summary>
public sealed record NotificationLine(NotificationKind Kind, Guid CaseId);

/// <summary>Sends a notification (e-mail over SMTP in the web host). Throws when it could not: the outbox tries again later.</summary>
public interface INotificationSender
{
    /// <summary>False when no way of sending is configured: notifications are then settled unsent, never sent late.</summary>
    bool IsConfigured { get; }

    Task SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}

namespace TeleDerm.Core.Notifications;

/// <summary>One notification to one person, in their language; everything it may say is here (no patient data).</summary>
/// <param name="NotificationId">The outbox item's id: a message sent again (an instance died before recording the send) carries the same one.</param>
public sealed record NotificationMessage(Guid NotificationId, NotificationKind Kind, Guid CaseId, string RecipientEmail, string RecipientName, string Culture);

/// <summary>Sends a notification (e-mail over SMTP in the web host). Throws when it could not: the outbox tries again later.</summary>
public interface INotificationSender
{
    /// <summary>False when no way of sending is configured: notifications are then settled unsent, never sent late.</summary>
    bool IsConfigured { get; }

    Task SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}

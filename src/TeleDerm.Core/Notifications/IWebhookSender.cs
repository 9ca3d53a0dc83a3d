namespace TeleDerm.Core.Notifications;

/// <summary>
/// What a practice's software is told of one of its requests: no patient data, only what lets it fetch the rest
/// with its API key (the case's id and reference, its status now).
/// </summary>
/// <param name="DeliveryId">The outbox item's id: a call made again (no answer the first time) carries the same one, for the receiver to ignore.</param>
public sealed record WebhookEvent(Guid DeliveryId, NotificationKind Kind, DateTime OccurredAtUtc, Guid CaseId, string CaseReference, string CaseStatus);

/// <summary>Where and with which secret (in clear, for signing only) one event goes.</summary>
public sealed record WebhookCall(string Url, string Secret, WebhookEvent Event);

/// <summary>Calls a practice's webhook (over HTTPS in the web host). Throws when the receiver did not take it: the outbox tries again later.</summary>
public interface IWebhookSender
{
    Task SendAsync(WebhookCall call, CancellationToken cancellationToken);
}

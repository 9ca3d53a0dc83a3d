using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Web.Features.Notifications;

/// <summary>
/// A webhook call: <c>POST</c> of a small JSON document (no patient data: the case's id, reference and status, and the
/// API addresses where the practice fetches the rest with its key), signed (<see cref="WebhookSignature"/>). Only a 2xx
/// answer counts as delivered; redirects are not followed (a receiver that moved is set again by an administrator).
/// </summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients, TimeProvider clock) : IWebhookSender
{
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "TeleDerm-Event";
    public const string DeliveryHeader = "TeleDerm-Delivery";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The event's name in the body and the TeleDerm-Event header.</summary>
    public static string EventName(NotificationKind kind) => kind switch
    {
        NotificationKind.QuestionAsked => "case.question-asked",
        NotificationKind.ReportSigned => "case.report-signed",
        NotificationKind.QuestionWaiting => "case.question-waiting",
        NotificationKind.ConvertedToAppointment => "case.converted-to-appointment",
        NotificationKind.FollowUpDue => "case.follow-up-due",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No webhook event for this kind."),
    };

    /// <summary>The body, exactly as signed and sent.</summary>
    public static byte[] Body(WebhookEvent e) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = e.DeliveryId,
        type = EventName(e.Kind),
        occurredAt = DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc),
        @case = new { id = e.CaseId, reference = e.CaseReference, status = e.CaseStatus },
        links = new
        {
            @case = $"/api/v1/cases/{e.CaseId}",
            report = e.Kind == NotificationKind.ReportSigned ? $"/api/v1/cases/{e.CaseId}/report" : null,
            reports = e.Kind == NotificationKind.ReportSigned ? $"/api/v1/cases/{e.CaseId}/reports" : null,
        },
    }, Json);

    public async Task SendAsync(WebhookCall call, CancellationToken cancellationToken)
    {
        var body = Body(call.Event);
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventHeader, EventName(call.Event.Kind));
        request.Headers.Add(DeliveryHeader, call.Event.DeliveryId.ToString());
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(call.Secret, clock.GetUtcNow(), body));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The status only: what the receiver wrote back is not ours to store.
            throw new HttpRequestException($"The practice's receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}

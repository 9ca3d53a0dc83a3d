namespace TeleDerm.Core.Notifications;

/// <summary>What address a practice's webhook may have.</summary>
public sealed class PracticeWebhookRules
{
    public const int MaxUrlLength = 2000;

    /// <summary>
    /// Plain HTTP to this machine (127.0.0.1, ::1, localhost) only: for a receiver on the same server in tests and
    /// demonstrations. Off in production, where every call carries what a GP waits for over the hospital's network.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>The address as it will be called, or null with the reason's code (AdminError.Webhook*).</summary>
    public (Uri? Url, string? Refusal) Check(string? text)
    {
        text = text?.Trim() ?? "";
        if (text.Length is 0 or > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            return (null, "WebhookUrl");
        }
        // Credentials in the address would be shown on the administrators' page and in logs: the signature authenticates.
        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            return (null, "WebhookUrl");
        }
        var https = url.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = url.Scheme == Uri.UriSchemeHttp && url.IsLoopback && AllowLoopbackHttp;
        return https || loopbackHttp ? (url, null) : (null, "WebhookHttps");
    }
}

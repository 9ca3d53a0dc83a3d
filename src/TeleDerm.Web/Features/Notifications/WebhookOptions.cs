namespace TeleDerm.Web.Features.Notifications;

/// <summary>TeleDerm:Notifications:Webhooks: how TeleDerm calls the practices' software (docs/integration.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "TeleDerm:Notifications:Webhooks";

    /// <summary>How long a practice's receiver may take to answer one call before it is tried again later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Plain HTTP to a receiver on this machine (tests, demonstrations); every other address must be HTTPS.</summary>
    public bool AllowLoopbackHttp { get; set; }
}

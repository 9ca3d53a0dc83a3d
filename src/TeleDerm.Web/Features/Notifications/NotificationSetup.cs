using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MimeKit;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Notifications;

public static class NotificationSetup
{
    /// <summary>The notification outbox's delivery by e-mail and webhooks, their settings (checked at start) and the health check.</summary>
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailNotificationOptions>().Bind(builder.Configuration.GetSection(EmailNotificationOptions.Section))
            .Validate(o => !o.Enabled || o.SmtpPort is > 0 and < 65536, "TeleDerm:Notifications:Email:SmtpPort must be a TCP port.")
            .Validate(o => !o.Enabled || o.PublicBaseUrl is { IsAbsoluteUri: true }, "TeleDerm:Notifications:Email:PublicBaseUrl must be the absolute address people open TeleDerm at (the links in e-mails).")
            .Validate(o => !o.Enabled || MailboxAddress.TryParse(o.From, out _), "TeleDerm:Notifications:Email:From must be an e-mail address, e.g. 'TeleDerm <no-reply@hospital.example>'.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.QuestionReminderAfter > TimeSpan.Zero,
                "TeleDerm:Notifications:Email: PollInterval, RetryBaseDelay and QuestionReminderAfter must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SmtpNotificationSender>();
        services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<SmtpNotificationSender>());
        var webhooks = builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        if (webhooks.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{WebhookOptions.Section}:Timeout must be positive.");
        }
        services.AddSingleton(new PracticeWebhookRules { AllowLoopbackHttp = webhooks.AllowLoopbackHttp });
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<PracticeWebhooks>();
        services.AddHttpClient(HttpWebhookSender.HttpClientName, client => client.Timeout = webhooks.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton(sp =>
        {
            var email = sp.GetRequiredService<IOptions<EmailNotificationOptions>>().Value;
            return new NotificationDelivery(sp.GetRequiredService<IDbContextFactory<TeleDermDbContext>>(), sp.GetRequiredService<INotificationSender>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<NotificationDelivery>>(),
                new NotificationDeliveryOptions { RetryBaseDelay = email.RetryBaseDelay, DigestTime = email.DailyDigestAt, DigestZone = sp.GetRequiredService<ClinicalTime>().Zone },
                sp.GetRequiredService<IWebhookSender>(), sp.GetRequiredService<WebhookSecrets>());
        });
        services.AddSingleton(sp => new QuestionReminders(sp.GetRequiredService<IDbContextFactory<TeleDermDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EmailNotificationOptions>>().Value.QuestionReminderAfter));
        services.AddHostedService<NotificationDeliveryService>();
        services.AddHealthChecks().AddCheck<NotificationOutboxHealthCheck>("notification-outbox");
    }
}

/// <summary>Readiness: notifications waiting to be sent (data "pending"); degraded past a hundred (the mail server is away).</summary>
public sealed class NotificationOutboxHealthCheck(NotificationDelivery delivery) : IHealthCheck
{
    private const int Backlog = 100;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await delivery.BacklogAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["pending"] = pending };
        return pending > Backlog
            ? HealthCheckResult.Degraded($"{pending} notifications wait for the mail server or the practices' receivers.", data: data)
            : HealthCheckResult.Healthy($"{pending} notifications wait to be sent.", data);
    }
}

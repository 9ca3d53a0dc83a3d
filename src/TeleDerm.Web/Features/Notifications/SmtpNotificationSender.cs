using System.Globalization;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using TeleDerm.Core.Notifications;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Notifications;

/// <summary>
/// A notification as an e-mail, in the recipient's language, over SMTP (MailKit). It says what waits and links to the
/// case (a daily digest: a line and a link for each); it names no patient, no diagnosis, not even the request's
/// reference: e-mail leaves the hospital's control.
/// </summary>
public sealed class SmtpNotificationSender(IOptions<EmailNotificationOptions> options, IStringLocalizer<Texts> texts) : INotificationSender
{
    public bool IsConfigured => options.Value.Enabled;

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = Compose(message, settings);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The e-mail, without sending it (tests read it).</summary>
    public MimeMessage Compose(NotificationMessage message, EmailNotificationOptions settings)
    {
        var (subject, body) = InLanguage(message.Culture, () => message.Digest is { Count: > 1 } digest
            ? (string.Format(CultureInfo.CurrentUICulture, texts["Notification.Digest.Subject"], digest.Count),
                $"{texts["Notification.Digest.Body"]}\n\n"
                + string.Concat(digest.Select(line => $"- {texts[$"Notification.{line.Kind}.Line"]}: {CaseLink(line.CaseId, settings)}\n"))
                + $"\n{texts["Notification.Footer"]}\n")
            : (texts[$"Notification.{message.Kind}.Subject"].Value,
                $"{texts[$"Notification.{message.Kind}.Body"]}\n\n{CaseLink(message.CaseId, settings)}\n\n{texts["Notification.Footer"]}\n"));
        var mail = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        var from = MailboxAddress.Parse(settings.From);
        mail.From.Add(from);
        // The same for every send of one notification: a copy sent again after a crash is recognisable as the same message.
        mail.MessageId = $"{message.NotificationId:N}@{from.Domain}";
        mail.To.Add(new MailboxAddress(message.RecipientName, message.RecipientEmail));
        // RFC 3834: sent by a program; out-of-office replies should not answer it.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        return mail;
    }

    private static string CaseLink(Guid caseId, EmailNotificationOptions settings) =>
        new Uri(settings.PublicBaseUrl ?? new Uri("http://localhost:5000/"), $"cases/{caseId}").ToString();

    /// <summary>Looks texts up in the recipient's language (the sender runs outside any request).</summary>
    private static T InLanguage<T>(string culture, Func<T> lookUp)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture is "fr" ? "fr" : "en");
            return lookUp();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

using MailKit.Security;

namespace TeleDerm.Web.Features.Notifications;

/// <summary>
/// TeleDerm:Notifications:Email: the mail server that tells GPs a question or a report waits for them. Off until
/// <see cref="SmtpHost"/> is set; the notifications of that time are then settled as not sent, never sent late.
/// </summary>
public sealed class EmailNotificationOptions
{
    public const string Section = "TeleDerm:Notifications:Email";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    /// <summary>MailKit's choice: StartTls (the default, required), SslOnConnect (port 465), StartTlsWhenAvailable, None (loopback relays only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string? UserName { get; set; }
    /// <summary>From the environment or a secret store, never from a file in the repository (docs/operations.md).</summary>
    public string? Password { get; set; }
    public string From { get; set; } = "TeleDerm <no-reply@localhost>";
    /// <summary>Where people open TeleDerm (links in e-mails), e.g. https://telederm.hospital.example/.</summary>
    public Uri? PublicBaseUrl { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often each instance looks for notifications to send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The wait after a first failed send, doubled after each (at most an hour).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>When the daily digest goes, in the department's time zone (TeleDerm:TimeZone), to those who chose it.</summary>
    public TimeOnly DailyDigestAt { get; set; } = new(7, 0);
    /// <summary>How long a question may wait for the GP's answer before the GP is reminded (once per question).</summary>
    public TimeSpan QuestionReminderAfter { get; set; } = TimeSpan.FromDays(3);

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);
}

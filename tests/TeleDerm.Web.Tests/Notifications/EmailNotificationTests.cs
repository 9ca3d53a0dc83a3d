using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Notifications;

/// <summary>
/// E-mail notifications end to end: the app configured with a real SMTP server (aiosmtpd), a dermatologist's question
/// reaching the GP's mailbox in the GP's language, and the mail server away for a while losing nothing.
/// </summary>
public sealed class EmailNotificationTests : IDisposable
{
    private readonly SmtpSink smtp = new();
    private readonly TeleDermAppFactory app;

    public EmailNotificationTests()
    {
        app = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Notifications:Email:SmtpHost"] = "127.0.0.1",
            ["TeleDerm:Notifications:Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TeleDerm:Notifications:Email:Security"] = "None",
            ["TeleDerm:Notifications:Email:From"] = "TeleDerm <no-reply@dermatology.hospital.example>",
            ["TeleDerm:Notifications:Email:PublicBaseUrl"] = "https://telederm.hospital.example/",
            ["TeleDerm:Notifications:Email:PollInterval"] = "00:00:00.200",
            ["TeleDerm:Notifications:Email:RetryBaseDelay"] = "00:00:01",
        });
        _ = app.Services; // starts the app and its delivery
    }

    public void Dispose()
    {
        app.Dispose();
        smtp.Dispose();
    }

    private Task<(TeleExpertiseCase Case, TestAccount Gp)> AskedQuestionAsync() => AskedQuestions.AskAsync(app.Services, gpLanguage: "fr");

    [Fact]
    public async Task A_question_reaches_the_GP_s_mailbox_in_French_with_a_link_and_nothing_of_the_patient()
    {
        var (@case, gp) = await AskedQuestionAsync();

        var file = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal(gp.Email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("no-reply@dermatology.hospital.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("TeleDerm : un dermatologue vous pose une question", mail.Subject);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var item = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<NotificationOutboxItem>().SingleAsync(i => i.CaseId == @case.Id);
            Assert.Equal($"{item.Id:N}@dermatology.hospital.example", mail.MessageId); // the same if ever sent again
        }
        var body = mail.TextBody;
        Assert.Contains($"https://telederm.hospital.example/cases/{@case.Id}", body, StringComparison.Ordinal);
        Assert.Contains("La demande attend votre réponse", body, StringComparison.Ordinal);
        foreach (var secret in AskedQuestions.PatientData.Append(@case.Reference).Append("Changing pigmented lesion"))
        {
            Assert.DoesNotContain(secret, mail.Subject + body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void Every_kind_of_notification_has_its_subject_and_sentence_in_both_languages(string culture)
    {
        var sender = app.Services.GetRequiredService<TeleDerm.Web.Features.Notifications.SmtpNotificationSender>();
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TeleDerm.Web.Features.Notifications.EmailNotificationOptions>>().Value;
        var texts = Enum.GetValues<NotificationKind>().Select(kind =>
        {
            using var mail = sender.Compose(new NotificationMessage(Guid.NewGuid(), kind, Guid.NewGuid(), "gp@practice.example", "Dr Martin", culture), settings);
            Assert.DoesNotContain("Notification.", mail.Subject + mail.TextBody, StringComparison.Ordinal); // a missing text shows its key
            return (mail.Subject, mail.TextBody);
        }).ToList();

        Assert.Equal(texts.Count, texts.Select(t => t.Subject).Distinct().Count());
        Assert.All(texts, t => Assert.Contains(culture == "fr" ? "Il ne contient aucune information sur le patient" : "It contains no patient information", t.TextBody, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "TeleDerm: 3 of your requests wait for you")]
    [InlineData("fr", "TeleDerm : 3 de vos demandes vous attendent")]
    public void A_daily_digest_says_how_many_requests_wait_with_a_line_and_a_link_for_each(string culture, string subject)
    {
        var sender = app.Services.GetRequiredService<TeleDerm.Web.Features.Notifications.SmtpNotificationSender>();
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TeleDerm.Web.Features.Notifications.EmailNotificationOptions>>().Value;
        var lines = Enum.GetValues<NotificationKind>().Take(3).Select(kind => new NotificationLine(kind, Guid.NewGuid())).ToList();

        using var mail = sender.Compose(new NotificationMessage(Guid.NewGuid(), lines[0].Kind, lines[0].CaseId, "gp@practice.example", "Dr Martin", culture, lines), settings);

        Assert.Equal(subject, mail.Subject);
        Assert.DoesNotContain("Notification.", mail.TextBody, StringComparison.Ordinal);
        foreach (var line in lines)
        {
            Assert.Contains($"https://telederm.hospital.example/cases/{line.CaseId}", mail.TextBody, StringComparison.Ordinal);
        }
        Assert.Equal(3, mail.TextBody!.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_mail_server_away_loses_nothing_the_notification_waits_and_goes_once_it_is_back()
    {
        smtp.Stop();
        var (@case, gp) = await AskedQuestionAsync();
        var delivery = app.Services.GetRequiredService<NotificationDelivery>();
        NotificationOutboxItem waiting;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(200);
            await using var scope = app.Services.CreateAsyncScope();
            waiting = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<NotificationOutboxItem>().AsNoTracking().SingleAsync(i => i.CaseId == @case.Id);
        }
        while (waiting.Attempts < 2 && DateTime.UtcNow < deadline);
        Assert.True(waiting.Attempts >= 2, $"{waiting.Attempts} tries while the mail server was away");
        Assert.Null(waiting.DoneAtUtc);
        Assert.False(string.IsNullOrEmpty(waiting.LastError));
        Assert.Equal(1, await delivery.BacklogAsync());

        smtp.Start();

        var file = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(gp.Email, Assert.Single((await MimeMessage.LoadAsync(file)).To.Mailboxes).Address);
        // The relay has it before the app records the send: wait for the record.
        var recorded = DateTime.UtcNow.AddSeconds(10);
        while (await delivery.BacklogAsync() > 0 && DateTime.UtcNow < recorded)
        {
            await Task.Delay(100);
        }
        Assert.Equal(0, await delivery.BacklogAsync());
    }
}

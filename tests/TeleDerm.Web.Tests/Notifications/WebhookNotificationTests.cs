using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Notifications;

/// <summary>
/// Webhooks end to end: the app calling a real HTTP receiver (Kestrel) over the network, signed as the practice checks
/// it, naming no patient; the receiver away for a while losing nothing and getting each event once.
/// </summary>
public sealed class WebhookNotificationTests : IAsyncLifetime
{
    private readonly WebhookReceiver receiver = new();
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?>
    {
        ["TeleDerm:Notifications:Webhooks:AllowLoopbackHttp"] = "true",
        ["TeleDerm:Notifications:Email:PollInterval"] = "00:00:00.200",
        ["TeleDerm:Notifications:Email:RetryBaseDelay"] = "00:00:01",
    });
    private string secret = "";

    public async Task InitializeAsync()
    {
        var admin = await TestAccounts.AdministratorAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var practice = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Practices.FirstAsync();
        secret = await app.Services.GetRequiredService<PracticeWebhooks>().SetAsync(admin, practice.Id, receiver.Url.ToString());
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    private async Task<TeleExpertiseCase> AskedQuestionAsync() => (await AskedQuestions.AskAsync(app.Services)).Case;

    private async Task<NotificationOutboxItem> CallInOutboxAsync(Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<NotificationOutboxItem>().AsNoTracking()
            .SingleAsync(i => i.CaseId == caseId && i.Channel == NotificationChannel.Webhook);
    }

    [Fact]
    public async Task A_question_reaches_the_practice_s_software_signed_with_its_secret_and_naming_no_patient()
    {
        var @case = await AskedQuestionAsync();

        var call = Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.True(WebhookSignature.Verify(secret, call.Headers["telederm-signature"], call.Body, DateTimeOffset.UtcNow),
            $"signature {call.Headers["telederm-signature"]} does not verify with the secret given to the practice");
        Assert.False(WebhookSignature.Verify(secret, call.Headers["telederm-signature"], [.. call.Body, (byte)' '], DateTimeOffset.UtcNow));
        Assert.StartsWith("application/json", call.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("case.question-asked", call.Headers["telederm-event"]);
        Assert.Equal((await CallInOutboxAsync(@case.Id)).Id.ToString(), call.Headers["telederm-delivery"]);

        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal("case.question-asked", body["type"]!.GetValue<string>());
        Assert.Equal(@case.Id, body["case"]!["id"]!.GetValue<Guid>());
        Assert.Equal(@case.Reference, body["case"]!["reference"]!.GetValue<string>());
        Assert.Equal("WaitingForGp", body["case"]!["status"]!.GetValue<string>());
        Assert.Equal($"/api/v1/cases/{@case.Id}", body["links"]!["case"]!.GetValue<string>());
        var text = Encoding.UTF8.GetString(call.Body);
        foreach (var patientData in AskedQuestions.PatientData.Append("1958"))
        {
            Assert.DoesNotContain(patientData, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_kind_of_notification_has_its_own_event_name_and_body()
    {
        var kinds = Enum.GetValues<NotificationKind>();
        var names = kinds.Select(TeleDerm.Web.Features.Notifications.HttpWebhookSender.EventName).ToList();
        Assert.Equal(kinds.Length, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches("^case\\.[a-z-]+$", name));
        Assert.All(kinds, kind => Assert.NotNull(JsonNode.Parse(TeleDerm.Web.Features.Notifications.HttpWebhookSender.Body(
            new WebhookEvent(Guid.NewGuid(), kind, DateTime.UtcNow, Guid.NewGuid(), "TD-TEST", "Claimed")))!["type"]));
    }

    [Fact]
    public async Task The_receiver_away_loses_nothing_and_once_back_gets_the_event_once()
    {
        await receiver.StopAsync();
        var @case = await AskedQuestionAsync();
        NotificationOutboxItem waiting;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(200);
            waiting = await CallInOutboxAsync(@case.Id);
        }
        while (waiting.Attempts < 2 && DateTime.UtcNow < deadline);
        Assert.True(waiting.Attempts >= 2, $"{waiting.Attempts} tries while the receiver was away");
        Assert.Null(waiting.DoneAtUtc);
        Assert.False(string.IsNullOrEmpty(waiting.LastError));

        receiver.Start();

        var call = Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(waiting.Id.ToString(), call.Headers["telederm-delivery"]);
        var recorded = DateTime.UtcNow.AddSeconds(10);
        while ((await CallInOutboxAsync(@case.Id)).DoneAtUtc is null && DateTime.UtcNow < recorded)
        {
            await Task.Delay(100);
        }
        Assert.Equal("sent", (await CallInOutboxAsync(@case.Id)).Outcome);
        await Task.Delay(1500); // more than a poll and a retry: nothing goes twice
        Assert.Single(receiver.Calls);
    }
}

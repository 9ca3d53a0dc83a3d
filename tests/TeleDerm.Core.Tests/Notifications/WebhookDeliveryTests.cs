using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Notifications;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Notifications;

/// <summary>Practices' webhooks, on SQLite and on a real PostgreSQL: set by administrators only, called once per event, never dropped.</summary>
public abstract class WebhookDeliveryTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingReceiver receiver = new();
    private readonly WebhookSecrets secrets = new(new EphemeralDataProtectionProvider());

    /// <summary>Records each call; refuses them while <see cref="Down"/> is set, as a practice's server that is away.</summary>
    private sealed class RecordingReceiver : IWebhookSender
    {
        public ConcurrentQueue<WebhookCall> Calls { get; } = new();
        public bool Down { get; set; }

        public Task SendAsync(WebhookCall call, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new HttpRequestException("The practice's receiver answered 503 Service Unavailable.");
            }
            Calls.Enqueue(call);
            return Task.CompletedTask;
        }
    }

    private sealed class NoEmail : INotificationSender
    {
        public bool IsConfigured => false;

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken) => throw new InvalidOperationException("No e-mail here.");
    }

    private AuditTrail Audit => new(database, clock, NullLogger<AuditTrail>.Instance);

    private NotificationDelivery Delivery() =>
        new(database, new NoEmail(), clock, NullLogger<NotificationDelivery>.Instance, new NotificationDeliveryOptions(), receiver, secrets);

    private PracticeWebhooks Webhooks(bool allowLoopbackHttp = false) =>
        new(database, new Administrators(database, Audit), Audit, secrets, new PracticeWebhookRules { AllowLoopbackHttp = allowLoopbackHttp }, clock);

    private CaseCommands Commands() => new(database, Audit, new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()));

    private Actor Admin => TestPeople.Enrol(database, new("admin-1", "admin@test.example", Roles.Admin, null, null, null));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm@test.example", Roles.Dermatologist, CaseBuilder.Department, null, null));

    private Guid Practice()
    {
        using var db = database.CreateDbContext();
        if (!db.Practices.Any(p => p.Id == CaseBuilder.Practice))
        {
            db.Practices.Add(new Practice { Id = CaseBuilder.Practice, Name = "Cabinet Martin" });
            db.SaveChanges();
        }
        return CaseBuilder.Practice;
    }

    private async Task<Guid> QuestionAskedAsync()
    {
        TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null));
        var @case = new CaseBuilder().SubmittedBy("gp-1").InStatus(CaseStatus.Submitted).Build();
        await using (var db = database.CreateDbContext())
        {
            db.Add(@case);
            await db.SaveChangesAsync();
        }
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        Assert.True((await Commands().AskGpAsync(@case.Id, Dermatologist, "Could you send a dermoscopic photo?")).Succeeded);
        return @case.Id;
    }

    private async Task<List<NotificationOutboxItem>> CallsInOutboxAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Set<NotificationOutboxItem>().AsNoTracking().Where(i => i.Channel == NotificationChannel.Webhook).ToListAsync();
    }

    private async Task<PracticeWebhook> StoredAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Set<PracticeWebhook>().AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task A_practice_with_a_webhook_is_called_once_with_the_secret_given_to_it_and_one_without_is_not()
    {
        await QuestionAskedAsync();
        Assert.Empty(await CallsInOutboxAsync()); // no webhook yet: nothing to call

        var secret = await Webhooks().SetAsync(Admin, Practice(), " https://cabinet.example/telederm ");
        var caseId = await QuestionAskedAsync();
        Assert.Equal(3, await Delivery().DeliverDueAsync()); // two e-mails (no server: settled unsent) and one call
        Assert.Equal(0, await Delivery().DeliverDueAsync());

        var call = Assert.Single(receiver.Calls);
        var item = Assert.Single(await CallsInOutboxAsync());
        Assert.Equal(("https://cabinet.example/telederm", secret), (call.Url, call.Secret));
        Assert.Equal((item.Id, NotificationKind.QuestionAsked, caseId, nameof(CaseStatus.WaitingForGp)),
            (call.Event.DeliveryId, call.Event.Kind, call.Event.CaseId, call.Event.CaseStatus));
        Assert.Equal("sent", item.Outcome);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, (await StoredAsync()).LastSuccessAtUtc);
    }

    [Fact]
    public async Task The_secret_is_stored_encrypted_and_setting_the_webhook_again_replaces_it()
    {
        var first = await Webhooks().SetAsync(Admin, Practice(), "https://cabinet.example/telederm");
        var stored = await StoredAsync();
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.DoesNotContain(first["whsec_".Length..], stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(first, secrets.Unprotect(stored.ProtectedSecret));

        var second = await Webhooks().SetAsync(Admin, Practice(), "https://cabinet.example/telederm/v2");
        await QuestionAskedAsync();
        await Delivery().DeliverDueAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(("https://cabinet.example/telederm/v2", second), (receiver.Calls.Single().Url, receiver.Calls.Single().Secret));
        await using var db = database.CreateDbContext();
        Assert.Equal([AuditActions.WebhookSet, AuditActions.WebhookSet],
            await db.AuditEntries.Where(e => e.Action.StartsWith("webhook.")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task A_receiver_away_for_hours_loses_nothing_and_the_administrators_see_why()
    {
        await Webhooks().SetAsync(Admin, Practice(), "https://cabinet.example/telederm");
        await QuestionAskedAsync();
        receiver.Down = true;

        for (var i = 0; i < 6; i++)
        {
            await Delivery().DeliverDueAsync();
            clock.Advance(TimeSpan.FromHours(1));
        }
        var waiting = Assert.Single(await CallsInOutboxAsync());
        Assert.Equal((null, 6), (waiting.DoneAtUtc, waiting.Attempts));
        var failing = await StoredAsync();
        Assert.Contains("503", failing.LastError, StringComparison.Ordinal);
        Assert.Null(failing.LastSuccessAtUtc);

        receiver.Down = false;
        await Delivery().DeliverDueAsync();
        Assert.Single(receiver.Calls);
        Assert.Equal(("sent", 7), (Assert.Single(await CallsInOutboxAsync()).Outcome, Assert.Single(await CallsInOutboxAsync()).Attempts));
        Assert.NotNull((await StoredAsync()).LastSuccessAtUtc);
    }

    [Fact]
    public async Task A_webhook_removed_or_a_practice_disabled_before_the_call_gets_nothing()
    {
        await Webhooks().SetAsync(Admin, Practice(), "https://cabinet.example/telederm");
        await QuestionAskedAsync();
        Assert.True(await Webhooks().RemoveAsync(Admin, Practice()));
        await Delivery().DeliverDueAsync();

        await Webhooks().SetAsync(Admin, Practice(), "https://cabinet.example/telederm");
        await QuestionAskedAsync();
        await using (var db = database.CreateDbContext())
        {
            (await db.Practices.SingleAsync(p => p.Id == CaseBuilder.Practice)).DisabledAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }
        await Delivery().DeliverDueAsync();

        Assert.Empty(receiver.Calls);
        Assert.Equal(["practice disabled", "webhook removed"], (await CallsInOutboxAsync()).Select(i => i.Outcome!).Order());
    }

    [Theory]
    [InlineData("http://cabinet.example/telederm", "AdminError.WebhookHttps")]
    [InlineData("http://127.0.0.1:8080/telederm", "AdminError.WebhookHttps")]
    [InlineData("ftp://cabinet.example/telederm", "AdminError.WebhookHttps")]
    [InlineData("https://user:password@cabinet.example/telederm", "AdminError.WebhookUrl")]
    [InlineData("https://cabinet.example/telederm#part", "AdminError.WebhookUrl")]
    [InlineData("cabinet.example/telederm", "AdminError.WebhookUrl")]
    [InlineData("", "AdminError.WebhookUrl")]
    [InlineData("https://cabinet.example/LONG", "AdminError.WebhookUrl")] // made 2 001 characters long below
    public async Task An_address_that_is_not_plain_HTTPS_is_refused_and_nothing_is_stored(string url, string refusal)
    {
        url = url.Replace("LONG", new string('a', PracticeWebhookRules.MaxUrlLength + 1 - "https://cabinet.example/".Length), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<AdministrationException>(() => Webhooks().SetAsync(Admin, Practice(), url));
        Assert.Equal(refusal, refused.Refusal.Key);
        await using var db = database.CreateDbContext();
        Assert.False(await db.Set<PracticeWebhook>().AnyAsync());
    }

    [Fact]
    public async Task Plain_HTTP_to_this_machine_only_where_the_deployment_allows_it()
    {
        await Webhooks(allowLoopbackHttp: true).SetAsync(Admin, Practice(), "http://127.0.0.1:8080/telederm");
        var refused = await Assert.ThrowsAsync<AdministrationException>(() => Webhooks(allowLoopbackHttp: true).SetAsync(Admin, Practice(), "http://10.0.0.8/telederm"));
        Assert.Equal("AdminError.WebhookHttps", refused.Refusal.Key);
    }

    [Theory]
    [InlineData(Roles.GP)]
    [InlineData(Roles.Dermatologist)]
    [InlineData(Roles.DepartmentHead)]
    public async Task Only_an_administrator_sets_lists_or_removes_a_webhook_and_each_refusal_is_audited(string role)
    {
        await Webhooks().SetAsync(Admin, Practice(), "https://cabinet.example/telederm");
        var other = TestPeople.Enrol(database, new("someone", "someone@test.example", role, Roles.BelongsToDepartment(role) ? CaseBuilder.Department : null,
            Roles.BelongsToPractice(role) ? CaseBuilder.Practice : null, null));

        await Assert.ThrowsAsync<AdministrationException>(() => Webhooks().SetAsync(other, Practice(), "https://attacker.example/"));
        await Assert.ThrowsAsync<AdministrationException>(() => Webhooks().ListAsync(other));
        await Assert.ThrowsAsync<AdministrationException>(() => Webhooks().RemoveAsync(other, Practice()));

        Assert.Equal("https://cabinet.example/telederm", (await StoredAsync()).Url);
        await using var db = database.CreateDbContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccessDenied && e.UserId == "someone"));
    }
}

public sealed class WebhookDeliveryTestsOnSqlite() : WebhookDeliveryTests(DatabaseProvider.Sqlite);

public sealed class WebhookDeliveryTestsOnPostgreSql() : WebhookDeliveryTests(DatabaseProvider.PostgreSql);

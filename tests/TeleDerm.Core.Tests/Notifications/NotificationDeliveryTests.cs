using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Notifications;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Notifications;

/// <summary>The notification outbox, on SQLite and on a real PostgreSQL: written with the change, sent once, never dropped.</summary>
public abstract class NotificationDeliveryTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender sender = new();

    /// <summary>Records what it is asked to send; fails while <see cref="Down"/> is set, as a mail server that is away.</summary>
    private sealed class RecordingSender : INotificationSender
    {
        public ConcurrentQueue<NotificationMessage> Sent { get; } = new();
        public bool Down { get; set; }
        public bool IsConfigured { get; set; } = true;

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new IOException("Connection refused (mail server down)");
            }
            Sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    private NotificationDelivery Delivery(INotificationSender? with = null) =>
        new(database, with ?? sender, clock, NullLogger<NotificationDelivery>.Instance, new NotificationDeliveryOptions { RetryBaseDelay = TimeSpan.FromMinutes(1) });

    private CaseCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm@test.example", Roles.Dermatologist, CaseBuilder.Department, null, null));

    private async Task<Guid> ClaimedCaseOfAsync(string gpId)
    {
        TestPeople.Enrol(database, new(gpId, gpId, Roles.GP, null, null, null), displayName: "Dr Martin");
        var @case = new CaseBuilder().SubmittedBy(gpId).InStatus(CaseStatus.Submitted).Build();
        await using (var db = database.CreateDbContext())
        {
            db.Add(@case);
            await db.SaveChangesAsync();
        }
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        return @case.Id;
    }

    private async Task<List<NotificationOutboxItem>> OutboxAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Set<NotificationOutboxItem>().AsNoTracking().OrderBy(i => i.CreatedAtUtc).ToListAsync();
    }

    [Fact]
    public async Task A_question_to_the_GP_is_saved_with_its_notification_and_a_refused_one_with_none()
    {
        var caseId = await ClaimedCaseOfAsync("gp-1");
        Assert.False((await Commands().AskGpAsync(caseId, Dermatologist, "   ")).Succeeded);
        Assert.Empty(await OutboxAsync());

        Assert.True((await Commands().AskGpAsync(caseId, Dermatologist, "Could you send a dermoscopic photo?")).Succeeded);

        var item = Assert.Single(await OutboxAsync());
        Assert.Equal((NotificationKind.QuestionAsked, caseId, "gp-1"), (item.Kind, item.CaseId, item.RecipientUserId));
        Assert.Null(item.DoneAtUtc);
    }

    [Fact]
    public async Task A_request_turned_into_a_consultation_tells_the_GP_to_arrange_it()
    {
        var caseId = await ClaimedCaseOfAsync("gp-1");

        Assert.True((await Commands().ApplyAsync(caseId, Dermatologist, CaseAction.ConvertToAppointment, reason: "Needs a biopsy")).Succeeded);

        var item = Assert.Single(await OutboxAsync());
        Assert.Equal((NotificationKind.ConvertedToAppointment, caseId, "gp-1"), (item.Kind, item.CaseId, item.RecipientUserId));
    }

    [Fact]
    public async Task Due_notifications_go_once_to_the_GP_in_their_language_with_nothing_of_the_patient()
    {
        var caseId = await ClaimedCaseOfAsync("gp-1");
        await using (var db = database.CreateDbContext())
        {
            (await db.Users.SingleAsync(u => u.Id == "gp-1")).PreferredCulture = "fr";
            await db.SaveChangesAsync();
        }
        await Commands().AskGpAsync(caseId, Dermatologist, "Could you send a dermoscopic photo?");

        Assert.Equal(1, await Delivery().DeliverDueAsync());
        Assert.Equal(0, await Delivery().DeliverDueAsync());

        var message = Assert.Single(sender.Sent);
        var item = Assert.Single(await OutboxAsync());
        Assert.Equal(new NotificationMessage(item.Id, NotificationKind.QuestionAsked, caseId, "gp-1@test.example", "Dr Martin", "fr"), message);
        Assert.Equal(("sent", 1), (item.Outcome, item.Attempts));
        Assert.Equal(0, await Delivery().BacklogAsync());
    }

    [Fact]
    public async Task A_mail_server_away_for_hours_loses_nothing_each_try_waiting_twice_as_long_up_to_an_hour()
    {
        var caseId = await ClaimedCaseOfAsync("gp-1");
        await Commands().AskGpAsync(caseId, Dermatologist, "Could you send a dermoscopic photo?");
        sender.Down = true;

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(0, await Delivery().DeliverDueAsync());
            var item = Assert.Single(await OutboxAsync());
            Assert.Contains("Connection refused", item.LastError, StringComparison.Ordinal);
            waits.Add(item.NextAttemptAtUtc - clock.GetUtcNow().UtcDateTime);
            Assert.Equal(0, await Delivery().DeliverDueAsync()); // not before its time
            clock.Advance(waits[^1]);
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits.Select(w => w.TotalMinutes));
        Assert.Equal(1, await Delivery().BacklogAsync());

        sender.Down = false;
        Assert.Equal(1, await Delivery().DeliverDueAsync());
        Assert.Single(sender.Sent);
        var delivered = Assert.Single(await OutboxAsync());
        Assert.Equal(("sent", 9), (delivered.Outcome, delivered.Attempts));
    }

    [Fact]
    public async Task A_GP_who_turned_e_mail_off_or_a_deployment_without_a_mail_server_gets_nothing_and_nothing_waits()
    {
        var caseId = await ClaimedCaseOfAsync("gp-1");
        await using (var db = database.CreateDbContext())
        {
            await NotificationPreference.SetEmailAsync(db, "gp-1", EmailNotifications.Off);
            await db.SaveChangesAsync();
        }
        await Commands().AskGpAsync(caseId, Dermatologist, "A question.");
        Assert.Equal(1, await Delivery().DeliverDueAsync());

        var other = await ClaimedCaseOfAsync("gp-2");
        await Commands().AskGpAsync(other, Dermatologist, "A question.");
        Assert.Equal(1, await Delivery(new RecordingSender { IsConfigured = false }).DeliverDueAsync());

        Assert.Empty(sender.Sent);
        Assert.Equal(["e-mail off", "no e-mail server configured"], (await OutboxAsync()).Select(i => i.Outcome!));
    }

    [Fact]
    public async Task Settled_notifications_are_forgotten_after_thirty_days_and_waiting_ones_never()
    {
        var sent = await ClaimedCaseOfAsync("gp-1");
        await Commands().AskGpAsync(sent, Dermatologist, "A question.");
        Assert.Equal(1, await Delivery().DeliverDueAsync());
        sender.Down = true;
        var waiting = await ClaimedCaseOfAsync("gp-2");
        await Commands().AskGpAsync(waiting, Dermatologist, "A question.");

        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await Delivery().DeliverDueAsync();

        Assert.Equal([waiting], (await OutboxAsync()).Select(i => i.CaseId));
    }

    private async Task ChooseAsync(string userId, EmailNotifications choice)
    {
        await using var db = database.CreateDbContext();
        await NotificationPreference.SetEmailAsync(db, userId, choice);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_GP_who_chose_the_daily_digest_gets_one_e_mail_at_seven_listing_all_that_waits_and_nothing_is_late_before()
    {
        var first = await ClaimedCaseOfAsync("gp-1");
        var second = await ClaimedCaseOfAsync("gp-1");
        await ChooseAsync("gp-1", EmailNotifications.DailyDigest);
        await Commands().AskGpAsync(first, Dermatologist, "A question.");
        await Commands().AskGpAsync(second, Dermatologist, "Another question.");

        Assert.Equal(0, await Delivery().DeliverDueAsync()); // 9:00: held until tomorrow 7:00
        var tomorrowAtSeven = new DateTime(2026, 12, 8, 7, 0, 0, DateTimeKind.Utc);
        Assert.All(await OutboxAsync(), i => Assert.Equal((tomorrowAtSeven, null), (i.NextAttemptAtUtc, i.DoneAtUtc)));
        Assert.Equal(0, await Delivery().BacklogAsync()); // held, not late

        clock.Advance(tomorrowAtSeven - clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Delivery().DeliverDueAsync());
        Assert.Empty(sender.Sent);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Delivery().DeliverDueAsync();
        await Delivery().DeliverDueAsync();

        var digest = Assert.Single(sender.Sent);
        Assert.Equal([new(NotificationKind.QuestionAsked, first), new NotificationLine(NotificationKind.QuestionAsked, second)], digest.Digest!);
        Assert.All(await OutboxAsync(), i => Assert.Equal(("sent in digest", 1), (i.Outcome, i.Attempts)));
    }

    [Fact]
    public async Task Leaving_the_digest_for_immediate_e_mail_sends_at_once_what_it_held()
    {
        var caseId = await ClaimedCaseOfAsync("gp-1");
        await ChooseAsync("gp-1", EmailNotifications.DailyDigest);
        await Commands().AskGpAsync(caseId, Dermatologist, "A question.");
        Assert.Equal(0, await Delivery().DeliverDueAsync());

        await ChooseAsync("gp-1", EmailNotifications.Immediately);

        Assert.Equal(1, await Delivery().DeliverDueAsync());
        Assert.Null(Assert.Single(sender.Sent).Digest);
    }

    [Fact]
    public async Task Two_instances_delivering_at_once_send_each_notification_once()
    {
        for (var i = 0; i < 6; i++)
        {
            await Commands().AskGpAsync(await ClaimedCaseOfAsync($"gp-{i}"), Dermatologist, "A question.");
        }

        var settled = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Delivery().DeliverDueAsync())));

        Assert.Equal(6, settled.Sum());
        Assert.Equal(6, sender.Sent.Count);
        Assert.Equal(6, sender.Sent.Select(m => m.CaseId).Distinct().Count());
    }
}

/// <summary>Reminders of questions left unanswered, on SQLite and on a real PostgreSQL.</summary>
public abstract class QuestionReminderTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private QuestionReminders Reminders() => new(database, clock, TimeSpan.FromDays(3));

    private CaseCommands Commands() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), new InProcessCaseEvents(), clock, Options.Create(new ServiceLevels()));

    private Actor Dermatologist => TestPeople.Enrol(database, new("derm-1", "derm@test.example", Roles.Dermatologist, CaseBuilder.Department, null, null));

    private async Task<Guid> QuestionAskedAsync(string gpId)
    {
        var gp = TestPeople.Enrol(database, new(gpId, gpId, Roles.GP, null, null, null));
        var @case = new CaseBuilder().SubmittedBy(gp.UserId).InStatus(CaseStatus.Submitted).Build();
        await using (var db = database.CreateDbContext())
        {
            db.Add(@case);
            await db.SaveChangesAsync();
        }
        Assert.True((await Commands().ClaimAsync(@case.Id, Dermatologist)).Succeeded);
        Assert.True((await Commands().AskGpAsync(@case.Id, Dermatologist, "Could you send a photo?")).Succeeded);
        return @case.Id;
    }

    private async Task<List<NotificationOutboxItem>> RemindersInOutboxAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Set<NotificationOutboxItem>().AsNoTracking().Where(i => i.Kind == NotificationKind.QuestionWaiting).ToListAsync();
    }

    [Fact]
    public async Task A_question_unanswered_for_three_days_brings_the_GP_one_reminder_however_often_it_is_checked()
    {
        var waiting = await QuestionAskedAsync("gp-1");
        var answered = await QuestionAskedAsync("gp-2");
        Assert.True((await Commands().ReplyAsync(answered, TestPeople.Enrol(database, new("gp-2", "gp-2", Roles.GP, null, null, null)), "Here it is.")).Succeeded);

        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Reminders().EnqueueDueAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Reminders().EnqueueDueAsync());
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await Reminders().EnqueueDueAsync());

        var reminder = Assert.Single(await RemindersInOutboxAsync());
        Assert.Equal((waiting, "gp-1"), (reminder.CaseId, reminder.RecipientUserId));
    }

    [Fact]
    public async Task Two_instances_checking_at_once_add_one_reminder_per_question()
    {
        for (var i = 0; i < 4; i++)
        {
            await QuestionAskedAsync($"gp-{i}");
        }
        clock.Advance(TimeSpan.FromDays(4));

        var added = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Reminders().EnqueueDueAsync())));

        Assert.Equal(4, added.Sum());
        var reminders = await RemindersInOutboxAsync();
        Assert.Equal(4, reminders.Count);
        Assert.Equal(4, reminders.Select(r => r.CaseId).Distinct().Count());
    }
}

public sealed class QuestionReminderTestsOnSqlite() : QuestionReminderTests(DatabaseProvider.Sqlite);

public sealed class QuestionReminderTestsOnPostgreSql() : QuestionReminderTests(DatabaseProvider.PostgreSql);

/// <summary>When the daily digest goes: its time in the department's zone, whatever the season.</summary>
public sealed class DailyDigestTimeTests
{
    private static readonly NotificationDeliveryOptions Paris = new() { DigestTime = new(7, 0), DigestZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    [Theory]
    [InlineData("2026-12-07T05:30:00Z", "2026-12-07T06:00:00Z")] // 6:30 in Paris (winter, UTC+1): today's digest
    [InlineData("2026-12-07T06:00:00Z", "2026-12-07T06:00:00Z")] // at 7:00 exactly
    [InlineData("2026-12-07T09:00:00Z", "2026-12-08T06:00:00Z")] // after it: tomorrow's
    [InlineData("2026-07-01T09:00:00Z", "2026-07-02T05:00:00Z")] // summer (UTC+2)
    [InlineData("2026-03-28T09:00:00Z", "2026-03-29T05:00:00Z")] // the night clocks go forward
    public void The_digest_goes_at_seven_in_Paris_summer_and_winter(string after, string expected) =>
        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            Paris.NextDigestAtUtc(DateTime.Parse(after, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));
}

public sealed class NotificationDeliveryTestsOnSqlite() : NotificationDeliveryTests(DatabaseProvider.Sqlite);

public sealed class NotificationDeliveryTestsOnPostgreSql() : NotificationDeliveryTests(DatabaseProvider.PostgreSql);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// The notification outbox: items are added with the change they tell of (<see cref="Enqueue"/>) and sent by
/// <see cref="DeliverDueAsync"/>, which every instance runs: each item is claimed before it is sent, so one instance
/// sends it. A failed send waits longer each time (1, 2, 4... times the base delay, at most an hour) and is never
/// dropped: the mail server or the practice's receiver down for an hour loses nothing. Delivery is at least once: an
/// instance dying between the send and the record of it makes the item go out again when its claim runs out, with the
/// same id (the e-mail's Message-Id, the webhook's TeleDerm-Delivery) for the receiver to recognise.
/// </summary>
public sealed class NotificationDelivery(IDbContextFactory<TeleDermDbContext> contextFactory, INotificationSender sender, TimeProvider clock,
    ILogger<NotificationDelivery> logger, NotificationDeliveryOptions? options = null, IWebhookSender? webhooks = null, WebhookSecrets? webhookSecrets = null)
{
    private readonly NotificationDeliveryOptions settings = options ?? new NotificationDeliveryOptions();

    /// <summary>
    /// Adds what tells the GP of <paramref name="kind"/> to the context: an e-mail to them, and a call to their practice's
    /// webhook if it has one. Saved, and later sent, only if the change is.
    /// </summary>
    public static async Task EnqueueAsync(TeleDermDbContext db, NotificationKind kind, Guid caseId, string gpUserId, Guid practiceId, DateTime nowUtc,
        string? dedupKey = null, CancellationToken cancellationToken = default)
    {
        db.Add(new NotificationOutboxItem
        {
            Id = Guid.NewGuid(), Kind = kind, Channel = NotificationChannel.Email, CaseId = caseId, RecipientUserId = gpUserId,
            CreatedAtUtc = nowUtc, NextAttemptAtUtc = nowUtc, DedupKey = dedupKey,
        });
        if (await db.Set<PracticeWebhook>().AnyAsync(w => w.PracticeId == practiceId, cancellationToken))
        {
            db.Add(new NotificationOutboxItem
            {
                Id = Guid.NewGuid(), Kind = kind, Channel = NotificationChannel.Webhook, CaseId = caseId, RecipientUserId = gpUserId, PracticeId = practiceId,
                CreatedAtUtc = nowUtc, NextAttemptAtUtc = nowUtc, DedupKey = dedupKey is null ? null : "webhook:" + dedupKey,
            });
        }
    }

    /// <summary>Items waiting to be sent (for administrators and the health check).</summary>
    public async Task<int> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<NotificationOutboxItem>().CountAsync(i => i.DoneAtUtc == null, cancellationToken);
    }

    /// <summary>Sends what is due now; returns how many items were settled (sent or skipped).</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // What was settled long ago is only history: the outbox does not grow without end.
            var forgotten = now - settings.KeepSettled;
            await db.Set<NotificationOutboxItem>().Where(i => i.DoneAtUtc != null && i.DoneAtUtc < forgotten).ExecuteDeleteAsync(cancellationToken);
            due = await db.Set<NotificationOutboxItem>().AsNoTracking()
                .Where(i => i.DoneAtUtc == null && i.NextAttemptAtUtc <= now && (i.ClaimedUntilUtc == null || i.ClaimedUntilUtc < now))
                .OrderBy(i => i.NextAttemptAtUtc).Select(i => i.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        }
        var settled = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, now, cancellationToken) && await DeliverAsync(id, cancellationToken))
            {
                settled++;
            }
        }
        return settled;
    }

    private async Task<bool> TryClaimAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var until = now + settings.Claim;
        // One statement: of two instances claiming at once, only one changes the row.
        return await db.Set<NotificationOutboxItem>()
            .Where(i => i.Id == id && i.DoneAtUtc == null && (i.ClaimedUntilUtc == null || i.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.ClaimedUntilUtc, until), cancellationToken) == 1;
    }

    private async Task<bool> DeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var item = await db.Set<NotificationOutboxItem>().SingleAsync(i => i.Id == id, cancellationToken);
        var (skipped, send) = item.Channel == NotificationChannel.Webhook
            ? await PrepareWebhookAsync(db, item, cancellationToken)
            : await PrepareEmailAsync(db, item, cancellationToken);
        try
        {
            if (send is not null)
            {
                await send(cancellationToken);
            }
            item.DoneAtUtc = clock.GetUtcNow().UtcDateTime;
            item.Outcome = skipped ?? "sent";
            item.Attempts++;
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            await RecordWebhookResultAsync(db, item, error: null, sent: send is not null, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            item.Attempts++;
            item.LastError = Shorten(ex.Message, 1000);
            item.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + RetryDelay(item.Attempts);
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            await RecordWebhookResultAsync(db, item, item.LastError, sent: false, cancellationToken);
            logger.LogWarning("Notification {Id} ({Channel} {Kind}, case {CaseId}) not sent, try {Attempts}: {Error}", item.Id, item.Channel, item.Kind, item.CaseId,
                item.Attempts, item.LastError);
            return false;
        }
    }

    /// <summary>Why the e-mail is not sent (settled unsent), or how to send it.</summary>
    private async Task<(string? Skipped, Func<CancellationToken, Task>? Send)> PrepareEmailAsync(TeleDermDbContext db, NotificationOutboxItem item,
        CancellationToken cancellationToken)
    {
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == item.RecipientUserId)
            .Select(u => new { u.Email, u.DisplayName, u.PreferredCulture, u.IsDisabled }).SingleOrDefaultAsync(cancellationToken);
        var choice = await NotificationPreference.EmailOfAsync(db, item.RecipientUserId, cancellationToken);
        var skipped = recipient switch
        {
            _ when !sender.IsConfigured => "no e-mail server configured",
            null => "no such account",
            { IsDisabled: true } => "account disabled",
            _ when choice == EmailNotifications.Off => "e-mail off",
            { Email: null or "" } => "no address",
            _ => null,
        };
        return skipped is not null
            ? (skipped, null)
            : (null, ct => sender.SendAsync(new NotificationMessage(item.Id, item.Kind, item.CaseId, recipient!.Email!, recipient.DisplayName, recipient.PreferredCulture), ct));
    }

    /// <summary>Why the practice's software is not called (settled unsent), or how to call it: its address and secret as they are now.</summary>
    private async Task<(string? Skipped, Func<CancellationToken, Task>? Send)> PrepareWebhookAsync(TeleDermDbContext db, NotificationOutboxItem item,
        CancellationToken cancellationToken)
    {
        var webhook = await db.Set<PracticeWebhook>().AsNoTracking().SingleOrDefaultAsync(w => w.PracticeId == item.PracticeId, cancellationToken);
        var practiceActive = await db.Practices.AnyAsync(p => p.Id == item.PracticeId && p.DisabledAtUtc == null, cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Where(c => c.Id == item.CaseId)
            .Select(c => new { c.Reference, c.Status, c.PracticeId }).SingleOrDefaultAsync(cancellationToken);
        var skipped = webhook switch
        {
            _ when webhooks is null || webhookSecrets is null => "webhooks not set up",
            null => "webhook removed",
            _ when !practiceActive => "practice disabled",
            _ when @case is null || @case.PracticeId != item.PracticeId => "no such case",
            _ => null,
        };
        if (skipped is not null)
        {
            return (skipped, null);
        }
        var call = new WebhookCall(webhook!.Url, webhookSecrets!.Unprotect(webhook.ProtectedSecret),
            new WebhookEvent(item.Id, item.Kind, item.CreatedAtUtc, item.CaseId, @case!.Reference, @case.Status.ToString()));
        return (null, ct => webhooks!.SendAsync(call, ct));
    }

    /// <summary>What the administrators' page shows of a practice's receiver: when it last took a call, when it last did not and why.</summary>
    private async Task RecordWebhookResultAsync(TeleDermDbContext db, NotificationOutboxItem item, string? error, bool sent, CancellationToken cancellationToken)
    {
        if (item.Channel != NotificationChannel.Webhook || (error is null && !sent))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var webhook = db.Set<PracticeWebhook>().Where(w => w.PracticeId == item.PracticeId);
        await (error is null
            ? webhook.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastSuccessAtUtc, now), cancellationToken)
            : webhook.ExecuteUpdateAsync(set => set.SetProperty(w => w.LastFailureAtUtc, now).SetProperty(w => w.LastError, Shorten(error, 300)), cancellationToken));
    }

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>The base delay, doubled after each failed try, at most <see cref="NotificationDeliveryOptions.MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryBaseDelay.Ticks * (long)Math.Pow(2, Math.Min(attempts - 1, 20))));
}

public sealed class NotificationDeliveryOptions
{
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long an instance holds an item it is sending (longer than an SMTP exchange can take).</summary>
    public TimeSpan Claim { get; set; } = TimeSpan.FromMinutes(2);
    public int BatchSize { get; set; } = 20;
    /// <summary>How long sent (or skipped) notifications stay in the outbox, for administrators' questions.</summary>
    public TimeSpan KeepSettled { get; set; } = TimeSpan.FromDays(30);
}

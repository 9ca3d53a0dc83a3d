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
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private readonly NotificationDeliveryOptions settings = options ?? new NotificationDeliveryOptions();
    private DateTime prunedAtUtc = DateTime.MinValue;

    /// <summary>
    /// Adds, each in its own transaction, the notices not yet in the outbox (by their <see cref="OnceNotice.DedupKey"/>,
    /// unique there): a reminder or a due notice is sent once however often its check runs and on however many
    /// instances. Returns how many this call added.
    /// </summary>
    public static async Task<int> EnqueueOnceEachAsync(IDbContextFactory<TeleDermDbContext> contextFactory, IReadOnlyList<OnceNotice> notices, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        List<string> already;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var keys = notices.Select(n => n.DedupKey).ToList();
            already = await db.Set<NotificationOutboxItem>().Where(i => i.DedupKey != null && keys.Contains(i.DedupKey)).Select(i => i.DedupKey!).ToListAsync(cancellationToken);
        }
        var added = 0;
        foreach (var notice in notices.Where(n => !already.Contains(n.DedupKey)))
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await EnqueueAsync(db, notice.Kind, notice.CaseId, notice.GpUserId, notice.PracticeId, nowUtc, notice.DedupKey, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added++;
            }
            catch (DbUpdateException)
            {
                // Another instance added this notice a moment ago.
            }
        }
        return added;
    }

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

    /// <summary>
    /// Items that should have gone and have not (for administrators and the health check): due now, or tried and
    /// failed. Those a daily digest holds until its time are not late.
    /// </summary>
    public async Task<int> BacklogAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<NotificationOutboxItem>().CountAsync(i => i.DoneAtUtc == null && (i.Attempts > 0 || i.NextAttemptAtUtc <= now), cancellationToken);
    }

    /// <summary>Sends what is due now; returns how many items were settled (sent or skipped).</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // What was settled long ago is only history: the outbox does not grow without end (looked at hourly, not each poll).
            if (now - prunedAtUtc >= PruneInterval)
            {
                var forgotten = now - settings.KeepSettled;
                await db.Set<NotificationOutboxItem>().Where(i => i.DoneAtUtc != null && i.DoneAtUtc < forgotten).ExecuteDeleteAsync(cancellationToken);
                prunedAtUtc = now;
            }
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

    /// <summary>
    /// What to do with one item now: settle it unsent (<see cref="Skipped"/>), send it (<see cref="Send"/>, settling with it
    /// the other items a digest lists, <see cref="AlsoSettles"/>), or leave it until a later time (<see cref="HeldUntil"/>).
    /// </summary>
    private sealed record Plan(string? Skipped = null, Func<CancellationToken, Task>? Send = null, DateTime? HeldUntil = null, IReadOnlyList<Guid>? AlsoSettles = null);

    private async Task<bool> DeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var item = await db.Set<NotificationOutboxItem>().SingleAsync(i => i.Id == id, cancellationToken);
        var plan = item.Channel == NotificationChannel.Webhook
            ? await PlanWebhookAsync(db, item, cancellationToken)
            : await PlanEmailAsync(db, item, cancellationToken);
        if (plan.HeldUntil is { } until)
        {
            item.NextAttemptAtUtc = until;
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }
        IReadOnlyList<Guid> alsoIds = plan.AlsoSettles ?? [];
        var also = db.Set<NotificationOutboxItem>().Where(i => alsoIds.Contains(i.Id));
        try
        {
            if (plan.Send is not null)
            {
                await plan.Send(cancellationToken);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            item.DoneAtUtc = now;
            item.Outcome = plan.Skipped ?? (plan.AlsoSettles is null ? "sent" : "sent in digest");
            item.Attempts++;
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            if (plan.AlsoSettles is { Count: > 0 })
            {
                await also.ExecuteUpdateAsync(set => set.SetProperty(i => i.DoneAtUtc, now).SetProperty(i => i.Outcome, "sent in digest")
                    .SetProperty(i => i.Attempts, i => i.Attempts + 1).SetProperty(i => i.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
            }
            await RecordWebhookResultAsync(db, item, error: null, sent: plan.Send is not null, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            item.Attempts++;
            item.LastError = Shorten(ex.Message, 1000);
            item.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + RetryDelay(item.Attempts);
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            if (plan.AlsoSettles is { Count: > 0 })
            {
                // They go with this one's next try, or with another's.
                await also.ExecuteUpdateAsync(set => set.SetProperty(i => i.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
            }
            await RecordWebhookResultAsync(db, item, item.LastError, sent: false, cancellationToken);
            logger.LogWarning("Notification {Id} ({Channel} {Kind}, case {CaseId}) not sent, try {Attempts}: {Error}", item.Id, item.Channel, item.Kind, item.CaseId,
                item.Attempts, item.LastError);
            return false;
        }
    }

    /// <summary>Why the e-mail is not sent (settled unsent), how to send it, or until when a digest holds it.</summary>
    private async Task<Plan> PlanEmailAsync(TeleDermDbContext db, NotificationOutboxItem item, CancellationToken cancellationToken)
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
        if (skipped is not null)
        {
            return new Plan(Skipped: skipped);
        }
        NotificationMessage Message(IReadOnlyList<NotificationLine>? digest) =>
            new(item.Id, item.Kind, item.CaseId, recipient!.Email!, recipient.DisplayName, recipient.PreferredCulture, digest);
        if (choice != EmailNotifications.DailyDigest)
        {
            return new Plan(Send: ct => sender.SendAsync(Message(null), ct));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var digestAt = settings.NextDigestAtUtc(item.CreatedAtUtc);
        if (now < digestAt)
        {
            return new Plan(HeldUntil: digestAt);
        }
        // The digest's time: this item and whatever else waits for the person, in one e-mail.
        var others = await db.Set<NotificationOutboxItem>().AsNoTracking()
            .Where(i => i.Id != item.Id && i.Channel == NotificationChannel.Email && i.RecipientUserId == item.RecipientUserId && i.DoneAtUtc == null
                && i.NextAttemptAtUtc <= now && (i.ClaimedUntilUtc == null || i.ClaimedUntilUtc < now))
            .OrderBy(i => i.CreatedAtUtc).Select(i => new { i.Id, i.Kind, i.CaseId }).ToListAsync(cancellationToken);
        var claimed = new List<Guid>();
        var lines = new List<NotificationLine> { new(item.Kind, item.CaseId) };
        foreach (var other in others)
        {
            if (await TryClaimAsync(other.Id, now, cancellationToken))
            {
                claimed.Add(other.Id);
                lines.Add(new NotificationLine(other.Kind, other.CaseId));
            }
        }
        return new Plan(Send: ct => sender.SendAsync(Message(lines), ct), AlsoSettles: claimed);
    }

    /// <summary>Why the practice's software is not called (settled unsent), or how to call it: its address and secret as they are now.</summary>
    private async Task<Plan> PlanWebhookAsync(TeleDermDbContext db, NotificationOutboxItem item, CancellationToken cancellationToken)
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
            return new Plan(Skipped: skipped);
        }
        var call = new WebhookCall(webhook!.Url, webhookSecrets!.Unprotect(webhook.ProtectedSecret),
            new WebhookEvent(item.Id, item.Kind, item.CreatedAtUtc, item.CaseId, @case!.Reference, @case.Status.ToString()));
        return new Plan(Send: ct => webhooks!.SendAsync(call, ct));
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
    /// <summary>When the daily digest goes, in <see cref="DigestZone"/> (the department's time zone).</summary>
    public TimeOnly DigestTime { get; set; } = new(7, 0);
    public TimeZoneInfo DigestZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The first digest time at or after <paramref name="utc"/>.</summary>
    public DateTime NextDigestAtUtc(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), DigestZone);
        for (var day = DateOnly.FromDateTime(local); ; day = day.AddDays(1))
        {
            var at = day.ToDateTime(DigestTime);
            if (DigestZone.IsInvalidTime(at))
            {
                at = at.AddHours(1); // skipped by a change to summer time
            }
            var atUtc = TimeZoneInfo.ConvertTimeToUtc(at, DigestZone);
            if (atUtc >= utc)
            {
                return atUtc;
            }
        }
    }
}

/// <summary>A notice sent at most once: <see cref="DedupKey"/> names what it is about (a question, a follow-up).</summary>
public sealed record OnceNotice(NotificationKind Kind, Guid CaseId, string GpUserId, Guid PracticeId, string DedupKey);

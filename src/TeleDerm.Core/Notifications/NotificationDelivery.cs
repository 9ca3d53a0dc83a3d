using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// The notification outbox: items are added with the change they tell of (<see cref="Enqueue"/>) and sent by
/// <see cref="DeliverDueAsync"/>, which every instance runs: each item is claimed before it is sent, so one instance
/// sends it. A failed send waits longer each time (1, 2, 4... times the base delay, at most an hour) and is never
/// dropped: the mail server down for an hour loses nothing. Delivery is at least once: an instance dying between the
/// send and the record of it makes the item go out again when its claim runs out.
/// </summary>
public sealed class NotificationDelivery(IDbContextFactory<TeleDermDbContext> contextFactory, INotificationSender sender, TimeProvider clock,
    ILogger<NotificationDelivery> logger, NotificationDeliveryOptions? options = null)
{
    private readonly NotificationDeliveryOptions settings = options ?? new NotificationDeliveryOptions();

    /// <summary>Adds a notification to the context: it is saved (and later sent) only if the change it tells of is.</summary>
    public static void Enqueue(TeleDermDbContext db, NotificationKind kind, Guid caseId, string recipientUserId, DateTime nowUtc, string? dedupKey = null) =>
        db.Add(new NotificationOutboxItem
        {
            Id = Guid.NewGuid(), Kind = kind, CaseId = caseId, RecipientUserId = recipientUserId, CreatedAtUtc = nowUtc, NextAttemptAtUtc = nowUtc,
            DedupKey = dedupKey,
        });

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
        try
        {
            if (skipped is null)
            {
                await sender.SendAsync(new NotificationMessage(item.Id, item.Kind, item.CaseId, recipient!.Email!, recipient.DisplayName, recipient.PreferredCulture), cancellationToken);
            }
            item.DoneAtUtc = clock.GetUtcNow().UtcDateTime;
            item.Outcome = skipped ?? "sent";
            item.Attempts++;
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            item.Attempts++;
            item.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            item.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + RetryDelay(item.Attempts);
            item.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Notification {Id} ({Kind}, case {CaseId}) not sent, try {Attempts}: {Error}", item.Id, item.Kind, item.CaseId, item.Attempts, item.LastError);
            return false;
        }
    }

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

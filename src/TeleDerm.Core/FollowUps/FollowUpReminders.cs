using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Core.FollowUps;

/// <summary>
/// A photo follow-up falling due tells its GP once (e-mail in their language and the practice's webhook, through the
/// notification outbox): one per task however often this runs and on however many instances (the outbox's unique
/// <see cref="NotificationOutboxItem.DedupKey"/> is the task's id).
/// </summary>
public sealed class FollowUpReminders(IDbContextFactory<TeleDermDbContext> contextFactory, TimeProvider clock, FollowUpOptions options)
{
    /// <summary>
    /// Adds the notices of follow-ups that fell due in the last week; returns how many this call added. The check runs
    /// every minute, so a follow-up is noticed on its day; the week covers an app stopped for days. Older ones are not
    /// looked at: the outbox forgets settled notices after 30 days, and looking further back would send them again.
    /// </summary>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var today = options.Today(clock);
        var notBefore = today.AddDays(-NoticeWindowDays);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<GpTask>().AsNoTracking()
            .Where(t => t.Kind == GpTaskKind.PhotoFollowUp && t.Status == GpTaskStatus.Open && t.DueOn <= today && t.DueOn >= notBefore)
            .Select(t => new { t.Id, t.CaseId, t.GpUserId, t.PracticeId })
            .ToListAsync(cancellationToken);
        return await NotificationDelivery.EnqueueOnceEachAsync(contextFactory,
            [.. due.Select(t => new OnceNotice(NotificationKind.FollowUpDue, t.CaseId, t.GpUserId, t.PracticeId, Key(t.Id)))], clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    private const int NoticeWindowDays = 7;

    private static string Key(Guid taskId) => $"follow-up-due:{taskId:N}";
}

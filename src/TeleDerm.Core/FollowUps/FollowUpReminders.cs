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
    /// <summary>Adds the notices of follow-ups due today or before (not yet lost); returns how many this call added.</summary>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var today = options.Today(clock);
        var notBefore = today.AddDays(-options.LostAfterDays);
        List<GpTask> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var candidates = await db.Set<GpTask>().AsNoTracking()
                .Where(t => t.Kind == GpTaskKind.PhotoFollowUp && t.Status == GpTaskStatus.Open && t.DueOn <= today && t.DueOn >= notBefore)
                .ToListAsync(cancellationToken);
            var keys = candidates.Select(t => Key(t.Id)).ToList();
            var told = await db.Set<NotificationOutboxItem>().Where(i => i.DedupKey != null && keys.Contains(i.DedupKey)).Select(i => i.DedupKey!).ToListAsync(cancellationToken);
            due = [.. candidates.Where(t => !told.Contains(Key(t.Id)))];
        }
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var task in due)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await NotificationDelivery.EnqueueAsync(db, NotificationKind.FollowUpDue, task.CaseId, task.GpUserId, task.PracticeId, now, Key(task.Id), cancellationToken);
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

    private static string Key(Guid taskId) => $"follow-up-due:{taskId:N}";
}

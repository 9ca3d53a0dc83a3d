using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// A question the GP has not answered after <c>after</c> (the department's setting, 3 days by default) brings the
/// GP one reminder: one per question, however often this runs and on however many instances (the reminder's
/// <see cref="NotificationOutboxItem.DedupKey"/> is the question's id, unique in the outbox).
/// </summary>
public sealed class QuestionReminders(IDbContextFactory<TeleDermDbContext> contextFactory, TimeProvider clock, TimeSpan after)
{
    /// <summary>Adds the reminders now due to the outbox; returns how many this call added.</summary>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var askedBefore = now - after;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Each case waiting for its GP, with the question it waits on (its last).
        var waiting = await db.Set<TeleExpertiseCase>().AsNoTracking()
            .Where(c => c.Status == CaseStatus.WaitingForGp)
            .Select(c => new
            {
                c.Id, c.SubmittedByUserId, c.PracticeId,
                Question = c.Messages.Where(m => m.Kind == MessageKind.Question).OrderByDescending(m => m.AtUtc).Select(m => new { m.Id, m.AtUtc }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var due = waiting.Where(w => w.Question is { } q && q.AtUtc <= askedBefore)
            .Select(w => new OnceNotice(NotificationKind.QuestionWaiting, w.Id, w.SubmittedByUserId, w.PracticeId, Key(w.Question!.Id))).ToList();
        return await NotificationDelivery.EnqueueOnceEachAsync(contextFactory, due, now, cancellationToken);
    }

    private static string Key(Guid questionId) => $"question-waiting:{questionId:N}";
}

using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.FollowUps;

/// <summary>Where a task stands on a given day, as the GP's list and the dashboard read it.</summary>
public enum GpTaskState
{
    /// <summary>Not due yet.</summary>
    Upcoming,
    /// <summary>Due, and still within the on-time window.</summary>
    Due,
    /// <summary>Past the on-time window, not yet lost.</summary>
    Late,
    /// <summary>More than <see cref="FollowUpOptions.LostAfterDays"/> past its due date and still not done.</summary>
    Lost,
    DoneOnTime,
    DoneLate,
}

/// <summary>
/// The rules of the GP's tasks: which answers make one and when it is due, which request completes a photo follow-up,
/// and how late a task is. Written into the context of the change that causes it (the signed answer, the follow-up
/// request), saved with it or not at all.
/// </summary>
public static class GpTasks
{
    /// <summary>The task an answer's management asks of the GP, if any.</summary>
    public static GpTaskKind? KindFor(Management management) => management switch
    {
        Management.PhotoFollowUp => GpTaskKind.PhotoFollowUp,
        Management.ExcisionOrBiopsy => GpTaskKind.ExcisionOrBiopsy,
        Management.RoutineInPersonVisit or Management.UrgentInPersonVisit => GpTaskKind.InPersonVisit,
        _ => null,
    };

    /// <summary>Adds the task the signed answer asks for (none for reassurance or a treatment; one per request).</summary>
    public static async Task RecordFromAnswerAsync(TeleDermDbContext db, TeleExpertiseCase @case, CaseAnswer answer, FollowUpOptions options,
        CancellationToken cancellationToken = default)
    {
        if (For(@case, answer, options) is { } task && !await db.Set<GpTask>().AnyAsync(t => t.CaseId == @case.Id, cancellationToken))
        {
            db.Add(task);
        }
    }

    /// <summary>
    /// An addendum corrects the answer: its management is the one in force. While the GP has not acted on the task, it
    /// follows the correction (another kind, a due date counted from the addendum's day, or no task at all); once they
    /// have (booked, done), it stays as it is.
    /// </summary>
    public static async Task ReviseFromAddendumAsync(TeleDermDbContext db, TeleExpertiseCase @case, CaseAnswer corrected, FollowUpOptions options,
        CancellationToken cancellationToken = default)
    {
        var task = await db.Set<GpTask>().SingleOrDefaultAsync(t => t.CaseId == @case.Id, cancellationToken);
        var wanted = For(@case, corrected, options);
        if (task is null)
        {
            if (wanted is not null)
            {
                db.Add(wanted);
            }
        }
        else if (task.Status == GpTaskStatus.Open)
        {
            if (wanted is null)
            {
                db.Remove(task);
            }
            else
            {
                (task.Kind, task.DueOn) = (wanted.Kind, wanted.DueOn);
            }
        }
    }

    /// <summary>A follow-up request cancelled by its GP did not send the photos: the follow-up it completed is open again.</summary>
    public static async Task ReopenForCancelledAsync(TeleDermDbContext db, Guid cancelledCaseId, CancellationToken cancellationToken = default)
    {
        foreach (var task in await db.Set<GpTask>().Where(t => t.FollowUpCaseId == cancelledCaseId).ToListAsync(cancellationToken))
        {
            (task.Status, task.DoneAtUtc, task.FollowUpCaseId) = (GpTaskStatus.Open, null, null);
        }
    }

    /// <summary>The task an answer gives the GP, due on the answer's day (plus the follow-up interval for new photos); null when it asks nothing of them.</summary>
    public static GpTask? For(TeleExpertiseCase @case, CaseAnswer answer, FollowUpOptions options)
    {
        if (KindFor(answer.Management) is not { } kind)
        {
            return null;
        }
        var answeredOn = options.DayOf(answer.AnsweredAtUtc);
        return new GpTask
        {
            Id = Guid.NewGuid(), CaseId = @case.Id, PracticeId = @case.PracticeId, DepartmentId = @case.DepartmentId, PatientId = @case.PatientId,
            GpUserId = @case.SubmittedByUserId, Kind = kind, Status = GpTaskStatus.Open, CreatedAtUtc = answer.AnsweredAtUtc,
            DueOn = kind == GpTaskKind.PhotoFollowUp ? answeredOn.AddMonths(answer.FollowUpMonths ?? 0) : answeredOn,
        };
    }

    /// <summary>
    /// A request sending new photos of lesions the patient already has completes the photo follow-ups that asked for
    /// them (the open ones of earlier requests showing one of those lesions), whichever way it came (page, API, FHIR).
    /// </summary>
    public static async Task CompleteFollowUpsAsync(TeleDermDbContext db, IReadOnlyCollection<Guid> existingLesionIds, Guid followUpCaseId, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        if (existingLesionIds.Count == 0)
        {
            return;
        }
        var asking = db.Set<CaseLesion>().Where(l => existingLesionIds.Contains(l.LesionId)).Select(l => l.CaseId);
        var open = await db.Set<GpTask>()
            .Where(t => t.Kind == GpTaskKind.PhotoFollowUp && t.Status != GpTaskStatus.Done && asking.Contains(t.CaseId))
            .ToListAsync(cancellationToken);
        foreach (var task in open)
        {
            (task.Status, task.DoneAtUtc, task.FollowUpCaseId) = (GpTaskStatus.Done, nowUtc, followUpCaseId);
        }
    }

    /// <summary>
    /// How the task stands on <paramref name="today"/>: by its due date while open; once the GP acted (sent the photos,
    /// or booked the excision or consultation), by the day they did.
    /// </summary>
    public static GpTaskState StateOn(GpTaskStatus status, DateOnly dueOn, DateOnly? actedOn, DateOnly today, FollowUpOptions options)
    {
        var onTimeUntil = dueOn.AddDays(options.OnTimeDays);
        if (status != GpTaskStatus.Open && actedOn is { } acted)
        {
            return acted <= onTimeUntil ? GpTaskState.DoneOnTime : GpTaskState.DoneLate;
        }
        if (today < dueOn)
        {
            return GpTaskState.Upcoming;
        }
        return today <= onTimeUntil ? GpTaskState.Due
            : today <= dueOn.AddDays(options.LostAfterDays) ? GpTaskState.Late
            : GpTaskState.Lost;
    }
}

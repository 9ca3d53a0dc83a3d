using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Errors;
using TeleDerm.Core.Intake;

namespace TeleDerm.Core.FollowUps;

/// <summary>One task on the GP's list, with how it stands today.</summary>
public sealed record GpTaskRow(Guid TaskId, Guid CaseId, string CaseReference, string PatientName, GpTaskKind Kind, GpTaskStatus Status,
    DateOnly DueOn, GpTaskState State, DateTime? BookedAtUtc, Guid? FollowUpCaseId);

/// <summary>What a photo follow-up's request starts from: the same patient and the same lesions (their tracking UIDs are kept).</summary>
public sealed record FollowUpStart(Guid TaskId, string CaseReference, Guid DepartmentId, PatientInput Patient, IReadOnlyList<FollowUpLesion> Lesions);

public sealed record FollowUpLesion(Guid LesionId, string BodySiteCode, Laterality Laterality, string? Description);

/// <summary>
/// The GP's side of the tasks an answer asks of them: their list (what waits first), the start of a follow-up request,
/// and recording that an excision or consultation is booked or done. Each command re-checks the GP's current rights
/// and the task's practice, and is audited.
/// </summary>
public sealed class GpTaskCommands(IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit, TimeProvider clock, IOptions<FollowUpOptions> options)
{
    private readonly FollowUpOptions followUps = options.Value;

    /// <summary>The tasks of the GP's own requests still to do (open or booked), what waits first: late, due, then upcoming by date.</summary>
    public async Task<IReadOnlyList<GpTaskRow>> OpenTasksAsync(Actor gp, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<GpTask>().AsNoTracking()
            .Where(t => t.GpUserId == gp.UserId && t.PracticeId == gp.PracticeId && t.Status != GpTaskStatus.Done)
            .Join(db.Set<TeleExpertiseCase>(), t => t.CaseId, c => c.Id, (t, c) => new { Task = t, c.Reference, c.Patient!.FamilyName, c.Patient.GivenName })
            .OrderBy(r => r.Task.DueOn)
            .Take(500)
            .ToListAsync(cancellationToken);
        var today = followUps.Today(clock);
        return [.. rows
            .Select(r => new GpTaskRow(r.Task.Id, r.Task.CaseId, r.Reference, $"{r.FamilyName.ToUpperInvariant()} {r.GivenName}", r.Task.Kind, r.Task.Status,
                r.Task.DueOn, GpTasks.StateOn(r.Task.Status, r.Task.DueOn, null, today, followUps), r.Task.BookedAtUtc, r.Task.FollowUpCaseId))
            // Booked ones last: the GP has done their part until the day it is done.
            .OrderBy(r => r.Status == GpTaskStatus.Booked)
            .ThenBy(r => r.State == GpTaskState.Upcoming)
            .ThenBy(r => r.DueOn)];
    }

    /// <summary>
    /// The task a case's answer gave the GP, for the case page: seen by a GP of the case's practice and by the
    /// department's dermatologists; null for anyone else, or when the answer asked nothing of the GP.
    /// </summary>
    public async Task<GpTaskRow?> ForCaseAsync(Guid caseId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await db.Set<GpTask>().AsNoTracking().SingleOrDefaultAsync(t => t.CaseId == caseId, cancellationToken);
        var mayView = task is not null
            && ((viewer.IsInRole(Roles.GP) && task.PracticeId == viewer.PracticeId) || (viewer.IsInRole(Roles.Dermatologist) && task.DepartmentId == viewer.DepartmentId));
        if (!mayView)
        {
            return null;
        }
        var reference = await db.Set<TeleExpertiseCase>().Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(cancellationToken);
        var actedOn = (task!.BookedAtUtc ?? task.DoneAtUtc) is { } acted ? followUps.DayOf(acted) : (DateOnly?)null;
        return new GpTaskRow(task.Id, caseId, reference, "", task.Kind, task.Status, task.DueOn,
            GpTasks.StateOn(task.Status, task.DueOn, actedOn, followUps.Today(clock), followUps), task.BookedAtUtc, task.FollowUpCaseId);
    }

    /// <summary>The patient and lesions a photo follow-up's request starts from; null when the task is not this GP's practice's open follow-up.</summary>
    public async Task<FollowUpStart?> StartFollowUpAsync(Guid taskId, Actor gp, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await db.Set<GpTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || !gp.IsInRole(Roles.GP) || task.PracticeId != gp.PracticeId || task.Kind != GpTaskKind.PhotoFollowUp || task.Status == GpTaskStatus.Done)
        {
            return null;
        }
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Patient).Include(c => c.Lesions).ThenInclude(l => l.Lesion)
            .SingleAsync(c => c.Id == task.CaseId, cancellationToken);
        var p = @case.Patient!;
        return new FollowUpStart(task.Id, @case.Reference, @case.DepartmentId, new PatientInput(p.FamilyName, p.GivenName, p.BirthDate, p.Sex, p.NationalHealthId),
            [.. @case.Lesions.Select(l => new FollowUpLesion(l.LesionId, l.Lesion!.BodySiteCode, l.Lesion.Laterality, l.Lesion.Description))]);
    }

    /// <summary>The GP records that the excision or consultation is booked (it stays on their list until done).</summary>
    public Task<Refusal?> MarkBookedAsync(Guid taskId, Actor gp, CancellationToken cancellationToken = default) =>
        MarkAsync(taskId, gp, GpTaskStatus.Booked, AuditActions.GpTaskBooked, cancellationToken);

    /// <summary>The GP records that the excision or consultation took place: the task leaves their list.</summary>
    public Task<Refusal?> MarkDoneAsync(Guid taskId, Actor gp, CancellationToken cancellationToken = default) =>
        MarkAsync(taskId, gp, GpTaskStatus.Done, AuditActions.GpTaskDone, cancellationToken);

    private async Task<Refusal?> MarkAsync(Guid taskId, Actor gp, GpTaskStatus to, string action, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await gp.IsStillEntitledAsync(db, cancellationToken))
        {
            await audit.RecordAsync(gp, action, AuditOutcome.Denied, "gp-task", taskId.ToString(), "account disabled or its rights changed", cancellationToken: cancellationToken);
            return Refusal.Case("RightsChanged", ActorStanding.RightsChanged);
        }
        var task = await db.Set<GpTask>().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || !gp.IsInRole(Roles.GP) || task.PracticeId != gp.PracticeId)
        {
            await audit.RecordAsync(gp, action, AuditOutcome.Denied, "gp-task", taskId.ToString(), "not a task of this user's practice", cancellationToken: cancellationToken);
            return Refusal.Case("NotYours", "This case does not exist or is not one you may act on.");
        }
        // A photo follow-up is done by the request that sends the photos, not by a click; a done task stays done.
        if (task.Kind == GpTaskKind.PhotoFollowUp || task.Status == GpTaskStatus.Done || task.Status == to)
        {
            await audit.RecordAsync(gp, action, AuditOutcome.Failure, "gp-task", taskId.ToString(), $"task {task.Kind} is {task.Status}",
                task.PatientId.ToString(), cancellationToken);
            return Refusal.Case("TaskNotOpen", "This task cannot be marked so: it is done, or it is a follow-up that new photos complete.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        task.BookedAtUtc ??= now;
        if (to == GpTaskStatus.Done)
        {
            task.DoneAtUtc = now;
        }
        task.Status = to;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(gp, action, AuditOutcome.Success, "gp-task", taskId.ToString(), $"{task.Kind} of case {task.CaseId}",
            task.PatientId.ToString(), cancellationToken);
        return null;
    }
}

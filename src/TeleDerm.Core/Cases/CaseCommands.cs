using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Billing;
using TeleDerm.Core.Data;
using TeleDerm.Core.Errors;
using TeleDerm.Core.Events;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Core.Cases;

/// <summary>The outcome of a person's action: success, or the <see cref="Errors.Refusal"/> they read ("CaseError.{code}").</summary>
public sealed record CaseCommandResult(bool Succeeded, Refusal? Refusal = null)
{
    public static readonly CaseCommandResult Ok = new(true);
    public static CaseCommandResult Refused(string code, string error, params object[] arguments) => new(false, Errors.Refusal.Case(code, error, arguments));
    public static CaseCommandResult Refused(Refusal refusal) => new(false, refusal);

    /// <summary>The refusal's English sentence (logs, audit, tests).</summary>
    public string? Error => Refusal?.Message;
}

/// <summary>
/// Status changes of a case on behalf of a person: checks that they may act on it, applies the lifecycle,
/// saves with optimistic concurrency (a stale copy loses and is told who changed it), audits, publishes.
/// </summary>
public sealed class CaseCommands(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IAuditTrail audit,
    ICaseEventPublisher events,
    TimeProvider clock,
    IOptions<ServiceLevels> serviceLevels,
    IOptions<BillingOptions>? billing = null)
{
    private readonly BillingOptions tariff = billing?.Value ?? new BillingOptions();

    public Task<CaseCommandResult> ClaimAsync(Guid caseId, Actor actor) => ApplyAsync(caseId, actor, CaseAction.Claim);

    public Task<CaseCommandResult> ReleaseAsync(Guid caseId, Actor actor) => ApplyAsync(caseId, actor, CaseAction.Release);

    /// <summary>The dermatologist asks the GP something, or for new photos (<paramref name="retake"/>: then the text may be empty); the case waits for the GP.</summary>
    public Task<CaseCommandResult> AskGpAsync(Guid caseId, Actor actor, string question, RetakeReason? retake = null) =>
        WithMessageAsync(caseId, actor, CaseAction.AskGp, MessageKind.Question, question, retake: retake);

    /// <summary>The GP answers the question; the case returns to the dermatologist.</summary>
    public Task<CaseCommandResult> ReplyAsync(Guid caseId, Actor actor, string reply) =>
        WithMessageAsync(caseId, actor, CaseAction.GpReplied, MessageKind.Reply, reply);

    /// <summary>
    /// The GP answers with text and more photos. The photos are already in the DICOM store; their records are
    /// saved with the reply in one transaction, so a refused reply leaves no image attached to the case.
    /// </summary>
    public Task<CaseCommandResult> ReplyAsync(Guid caseId, Actor actor, string reply, IReadOnlyList<LesionImage> newImages) =>
        WithMessageAsync(caseId, actor, CaseAction.GpReplied, MessageKind.Reply, reply, newImages);

    private Task<CaseCommandResult> WithMessageAsync(Guid caseId, Actor actor, CaseAction action, MessageKind kind, string text, IReadOnlyList<LesionImage>? newImages = null,
        RetakeReason? retake = null)
    {
        text = text.Trim();
        if (retake is { } reason && !Enum.IsDefined(reason))
        {
            return Task.FromResult(CaseCommandResult.Refused("RetakeUnknown", "Choose what is wrong with the photos from the list."));
        }
        if (MessageText.Problem(text, mayBeEmpty: retake is not null) is { } problem)
        {
            return Task.FromResult(CaseCommandResult.Refused(problem));
        }
        return ApplyAsync(caseId, actor, action, reason: null, withMessage: (kind, text), newImages, retake);
    }

    /// <summary>
    /// Applies a person's action. The case's version guards against another person's change since the case was
    /// read; background work (risk scores) does not renew it, so only people's actions conflict.
    /// </summary>
    public async Task<CaseCommandResult> ApplyAsync(Guid caseId, Actor actor, CaseAction action, string? reason = null, (MessageKind Kind, string Text)? withMessage = null,
        IReadOnlyList<LesionImage>? newImages = null, RetakeReason? retake = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await actor.IsStillEntitledAsync(db))
        {
            await RecordAsync(actor, AuditActions.ForCaseAction(action), AuditOutcome.Denied, caseId, null, "account disabled or its rights changed");
            return CaseCommandResult.Refused("RightsChanged", ActorStanding.RightsChanged);
        }
        var @case = await db.Set<TeleExpertiseCase>().SingleOrDefaultAsync(c => c.Id == caseId);
        if (@case is null || !MayAct(actor, @case))
        {
            await RecordAsync(actor, AuditActions.ForCaseAction(action), AuditOutcome.Denied, caseId, null, "not this user's case");
            return CaseCommandResult.Refused("NotYours", "This case does not exist or is not one you may act on.");
        }
        if (RequiredRole(action) is { } role && actor.Role != role)
        {
            var (code, message) = role == Accounts.Roles.GP ? ("OnlySubmittingGp", "Only the GP who submitted this request can do this.") : ("OnlyDermatologist", "Only a dermatologist can do this.");
            await RecordAsync(actor, AuditActions.ForCaseAction(action), AuditOutcome.Denied, caseId, @case.PatientId, message);
            return CaseCommandResult.Refused(code, message);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            CaseLifecycle.Apply(@case, action, actor.UserId, now, reason);
        }
        catch (CaseTransitionException refused)
        {
            var who = action == CaseAction.Claim && @case.AssignedDermatologistId is { } holder ? await NameOfAsync(db, holder) : null;
            var result = who is null ? CaseCommandResult.Refused(refused.Refusal) : CaseCommandResult.Refused("AlreadyClaimed", $"{who} has already claimed this case.", who);
            await RecordAsync(actor, AuditActions.ForCaseAction(action), AuditOutcome.Failure, caseId, @case.PatientId, result.Error);
            return result;
        }
        TriagePriority.Update(@case, serviceLevels.Value);
        if (withMessage is { } m)
        {
            @case.Messages.Add(new CaseMessage { Id = Guid.NewGuid(), CaseId = @case.Id, AuthorUserId = actor.UserId, Kind = m.Kind, Body = m.Text, AtUtc = now, Retake = retake });
        }
        if (action is CaseAction.Cancel or CaseAction.ConvertToAppointment)
        {
            // The request ends unanswered: its act is written, not billable, with the reason.
            await BillableActs.RecordUnansweredAsync(db, @case, action == CaseAction.Cancel ? NotBillable.Cancelled : NotBillable.ConvertedToAppointment, now, tariff);
        }
        if (action == CaseAction.Cancel)
        {
            // A cancelled follow-up request did not send its photos: the follow-up is the GP's to do again.
            await FollowUps.GpTasks.ReopenForCancelledAsync(db, @case.Id);
        }
        if (action == CaseAction.ConvertToAppointment)
        {
            // The GP has something to do: arrange the consultation.
            await NotificationDelivery.EnqueueAsync(db, NotificationKind.ConvertedToAppointment, @case.Id, @case.SubmittedByUserId, @case.PracticeId, now);
        }
        if (action == CaseAction.AskGp)
        {
            // Saved with the question or not at all (Notifications/NotificationDelivery).
            await NotificationDelivery.EnqueueAsync(db, NotificationKind.QuestionAsked, @case.Id, @case.SubmittedByUserId, @case.PracticeId, now);
        }
        if (newImages is { Count: > 0 })
        {
            var lesionsOfCase = await db.Set<CaseLesion>().Where(l => l.CaseId == caseId).Select(l => l.LesionId).ToListAsync();
            if (newImages.Any(i => i.CaseId != caseId || !lesionsOfCase.Contains(i.LesionId)))
            {
                return CaseCommandResult.Refused("PhotosOtherLesion", "Photos can only be added to a lesion of this request.");
            }
            db.AddRange(newImages);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync();
            var current = await fresh.Set<TeleExpertiseCase>().AsNoTracking().SingleAsync(c => c.Id == caseId);
            var holderName = action == CaseAction.Claim && current.AssignedDermatologistId is { } holder ? await NameOfAsync(fresh, holder) : null;
            var result = holderName is not null
                ? CaseCommandResult.Refused("AlreadyClaimed", $"{holderName} has already claimed this case.", holderName)
                : CaseCommandResult.Refused("ChangedMeanwhile", "Someone changed this case a moment ago; it has been reloaded.");
            await RecordAsync(actor, AuditActions.ForCaseAction(action), AuditOutcome.Failure, caseId, @case.PatientId, result.Error);
            return result;
        }
        await RecordAsync(actor, AuditActions.ForCaseAction(action), AuditOutcome.Success, caseId, @case.PatientId,
            newImages is { Count: > 0 } ? $"{reason}{(reason is null ? "" : "; ")}{newImages.Count} photo(s) added" : reason ?? (retake is { } r ? $"retake: {r}" : null));
        events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, withMessage is null ? CaseEventKind.StatusChanged : CaseEventKind.MessageAdded, now));
        return CaseCommandResult.Ok;
    }

    /// <summary>The role an action needs; null when either side may take it (closing an answered case).</summary>
    private static string? RequiredRole(CaseAction action) => action switch
    {
        CaseAction.Submit or CaseAction.Cancel or CaseAction.GpReplied => Accounts.Roles.GP,
        CaseAction.Close => null,
        _ => Accounts.Roles.Dermatologist,
    };

    /// <summary>GPs act on their own requests; dermatologists on their department's (department heads oversee, they do not claim).</summary>
    private static bool MayAct(Actor actor, TeleExpertiseCase @case) => actor.Role switch
    {
        Accounts.Roles.GP => @case.SubmittedByUserId == actor.UserId,
        Accounts.Roles.Dermatologist => @case.DepartmentId == actor.DepartmentId,
        _ => false,
    };

    private static async Task<string> NameOfAsync(TeleDermDbContext db, string userId) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? "Another dermatologist";

    private Task RecordAsync(Actor actor, string action, AuditOutcome outcome, Guid caseId, Guid? patientId, string? details) =>
        audit.AppendAsync(new AuditEvent(action, outcome, actor.UserId, actor.UserName, "case", caseId.ToString(), patientId?.ToString(), actor.IpAddress, details));
}

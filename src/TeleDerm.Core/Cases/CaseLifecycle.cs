using TeleDerm.Core.Answers;
using TeleDerm.Core.Errors;

namespace TeleDerm.Core.Cases;

public enum CaseAction
{
    Submit,
    Claim,
    Release,
    StartReview,
    AskGp,
    GpReplied,
    Answer,
    Close,
    Cancel,
    ConvertToAppointment,
}

/// <summary>A refused transition, with a reason a person can read.</summary>
/// <summary>An action the lifecycle refuses ("CaseError.{code}"; arguments may be statuses and actions).</summary>
public sealed class CaseTransitionException(Refusal refusal) : RefusedException(refusal);

/// <summary>
/// The only way a case changes status. Each action is allowed from some statuses, by some people
/// (the GP who submitted it, or the dermatologist who claimed it); every accepted action appends a
/// <see cref="CaseTransition"/>, stamps the matching time and renews <see cref="TeleExpertiseCase.Version"/>.
/// Role checks (is this user a dermatologist of the department?) belong to the caller.
/// </summary>
public static class CaseLifecycle
{
    private enum Actor
    {
        SubmittingGp,
        AnyDermatologist,
        Assignee,
        GpOrAssignee,
    }

    private sealed record Rule(CaseStatus[] From, CaseStatus To, Actor By);

    private static readonly Dictionary<CaseAction, Rule> Rules = new()
    {
        [CaseAction.Submit] = new([CaseStatus.Draft], CaseStatus.Submitted, Actor.SubmittingGp),
        [CaseAction.Claim] = new([CaseStatus.Submitted], CaseStatus.Claimed, Actor.AnyDermatologist),
        [CaseAction.Release] = new([CaseStatus.Claimed, CaseStatus.InReview], CaseStatus.Submitted, Actor.Assignee),
        [CaseAction.StartReview] = new([CaseStatus.Claimed], CaseStatus.InReview, Actor.Assignee),
        [CaseAction.AskGp] = new([CaseStatus.Claimed, CaseStatus.InReview], CaseStatus.WaitingForGp, Actor.Assignee),
        [CaseAction.GpReplied] = new([CaseStatus.WaitingForGp], CaseStatus.InReview, Actor.SubmittingGp),
        [CaseAction.Answer] = new([CaseStatus.Claimed, CaseStatus.InReview], CaseStatus.Answered, Actor.Assignee),
        [CaseAction.Close] = new([CaseStatus.Answered], CaseStatus.Closed, Actor.GpOrAssignee),
        [CaseAction.Cancel] = new([CaseStatus.Draft, CaseStatus.Submitted], CaseStatus.Cancelled, Actor.SubmittingGp),
        [CaseAction.ConvertToAppointment] = new([CaseStatus.Claimed, CaseStatus.InReview, CaseStatus.WaitingForGp], CaseStatus.ConvertedToAppointment, Actor.Assignee),
    };

    /// <summary>Statuses in which a case waits for someone in the department or for the GP: the worklist's.</summary>
    public static readonly CaseStatus[] OpenStatuses = [CaseStatus.Submitted, CaseStatus.Claimed, CaseStatus.InReview, CaseStatus.WaitingForGp];

    public static bool IsOpen(CaseStatus status) => OpenStatuses.Contains(status);

    public static bool CanApply(TeleExpertiseCase @case, CaseAction action, string userId) =>
        RefusalOf(@case, action, userId) is null;

    public static CaseTransition Apply(TeleExpertiseCase @case, CaseAction action, string userId, DateTime nowUtc, string? reason = null)
    {
        if (RefusalOf(@case, action, userId) is { } refusal)
        {
            throw new CaseTransitionException(refusal);
        }
        var rule = Rules[action];
        var transition = new CaseTransition
        {
            Id = Guid.NewGuid(),
            CaseId = @case.Id,
            From = @case.Status,
            To = rule.To,
            ByUserId = userId,
            AtUtc = nowUtc,
            Reason = reason,
        };
        @case.Status = rule.To;
        @case.LastActivityAtUtc = nowUtc;
        Stamp(@case, action, userId, nowUtc);
        @case.Transitions.Add(transition);
        @case.Version = Guid.NewGuid();
        return transition;
    }

    private static void Stamp(TeleExpertiseCase @case, CaseAction action, string userId, DateTime nowUtc)
    {
        switch (action)
        {
            case CaseAction.Submit:
                @case.SubmittedAtUtc = nowUtc;
                break;
            case CaseAction.Claim:
                @case.AssignedDermatologistId = userId;
                @case.ClaimedAtUtc = nowUtc;
                break;
            case CaseAction.Release:
                @case.AssignedDermatologistId = null;
                @case.ClaimedAtUtc = null;
                break;
            case CaseAction.AskGp:
                @case.FirstResponseAtUtc ??= nowUtc;
                @case.FirstQuestionAtUtc ??= nowUtc;
                break;
            case CaseAction.ConvertToAppointment:
                @case.FirstResponseAtUtc ??= nowUtc;
                @case.EndedAtUtc = nowUtc;
                @case.Outcome = CaseOutcome.InPersonVisit;
                break;
            case CaseAction.Answer:
                // The outcome comes from the answer's management, which the caller records (see CaseOutcomes.Record).
                @case.FirstResponseAtUtc ??= nowUtc;
                @case.AnsweredAtUtc = nowUtc;
                @case.EndedAtUtc = nowUtc;
                break;
            case CaseAction.Close:
                @case.ClosedAtUtc = nowUtc;
                break;
            case CaseAction.Cancel:
                @case.ClosedAtUtc = nowUtc;
                @case.EndedAtUtc = nowUtc;
                break;
        }
    }

    private static Refusal? RefusalOf(TeleExpertiseCase @case, CaseAction action, string userId)
    {
        var rule = Rules[action];
        if (!rule.From.Contains(@case.Status))
        {
            return Refusal.Case("NotInStatus", $"A case that is {Describe(@case.Status)} cannot be {Past(action)}.", action, @case.Status);
        }
        return rule.By switch
        {
            Actor.SubmittingGp when userId != @case.SubmittedByUserId => Refusal.Case("OnlySubmittingGp", "Only the GP who submitted this request can do this."),
            Actor.Assignee when userId != @case.AssignedDermatologistId => Refusal.Case("OnlyAssignee", "Only the dermatologist who claimed this case can do this."),
            Actor.GpOrAssignee when userId != @case.SubmittedByUserId && userId != @case.AssignedDermatologistId =>
                Refusal.Case("OnlyGpOrAssignee", "Only the GP who submitted this request or the dermatologist who answered it can close it."),
            _ => null,
        };
    }

    private static string Describe(CaseStatus status) => status switch
    {
        CaseStatus.Draft => "a draft",
        CaseStatus.Submitted => "waiting for a dermatologist",
        CaseStatus.Claimed => "claimed",
        CaseStatus.InReview => "in review",
        CaseStatus.WaitingForGp => "waiting for the GP",
        CaseStatus.Answered => "answered",
        CaseStatus.Closed => "closed",
        CaseStatus.Cancelled => "cancelled",
        CaseStatus.ConvertedToAppointment => "converted to an appointment",
        _ => status.ToString(),
    };

    private static string Past(CaseAction action) => action switch
    {
        CaseAction.Submit => "submitted",
        CaseAction.Claim => "claimed",
        CaseAction.Release => "released",
        CaseAction.StartReview => "reviewed",
        CaseAction.AskGp => "sent back to the GP with a question",
        CaseAction.GpReplied => "given a reply",
        CaseAction.Answer => "answered",
        CaseAction.Close => "closed",
        CaseAction.Cancel => "cancelled",
        CaseAction.ConvertToAppointment => "converted to an appointment",
        _ => action.ToString(),
    };
}

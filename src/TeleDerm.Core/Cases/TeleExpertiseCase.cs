using TeleDerm.Core.Answers;
using TeleDerm.Core.Authorization;

namespace TeleDerm.Core.Cases;

/// <summary>
/// A tele-expertise request: a GP asks the dermatologists of a department about one or more lesions of
/// a patient. Every change goes through <see cref="CaseLifecycle"/>, which records the transition.
/// </summary>
public class TeleExpertiseCase : IOwnedRecord
{
    public Guid Id { get; set; }
    /// <summary>What people read and say on the phone: "TD-7K3M-Q9".</summary>
    public string Reference { get; set; } = "";
    public Guid PatientId { get; set; }
    public Patient? Patient { get; set; }
    public string SubmittedByUserId { get; set; } = "";
    public Guid PracticeId { get; set; }
    public Guid DepartmentId { get; set; }

    public string Reason { get; set; } = "";
    public Questionnaire Questionnaire { get; set; } = new();
    public Urgency Urgency { get; set; }
    public string? UrgencyReason { get; set; }
    public bool PatientConsent { get; set; }

    public CaseStatus Status { get; set; }
    public string? AssignedDermatologistId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public DateTime? ClaimedAtUtc { get; set; }
    /// <summary>The first question or answer from a dermatologist: the "time to first response".</summary>
    public DateTime? FirstResponseAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    /// <summary>
    /// When the case stopped waiting for anyone: answered, converted to an in-person appointment, or cancelled.
    /// Null while open. Set once; closing an answered case later does not move it. The dashboard counts
    /// decisions and the backlog from this one column instead of searching each case's transitions.
    /// </summary>
    public DateTime? EndedAtUtc { get; set; }
    /// <summary>What became of the case (see <see cref="CaseOutcomes"/>), set when it is answered or converted.</summary>
    public CaseOutcome? Outcome { get; set; }
    /// <summary>When the dermatologist first asked the GP for more (information or better photos); null if never.</summary>
    public DateTime? FirstQuestionAtUtc { get; set; }
    /// <summary>The highest risk among the case's scored images; null until one is scored.</summary>
    public double? MaxRisk { get; set; }
    /// <summary>When the answer is due under the service level of the urgency (see <see cref="TriagePriority"/>).</summary>
    public DateTime? ServiceDueAtUtc { get; set; }
    /// <summary>The worklist orders open cases by this deadline, earliest first (see <see cref="TriagePriority"/>).</summary>
    public DateTime? PriorityDueAtUtc { get; set; }
    /// <summary>The last time anything happened to the case (a status change, a message, a score).</summary>
    public DateTime LastActivityAtUtc { get; set; }
    /// <summary>Changes at every save; a save from a stale copy fails (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    public List<CaseLesion> Lesions { get; set; } = [];
    public List<CaseMessage> Messages { get; set; } = [];
    public List<CaseTransition> Transitions { get; set; } = [];
}

/// <summary>A lesion included in a request (a lesion may appear in several requests over time).</summary>
public class CaseLesion
{
    public Guid CaseId { get; set; }
    public Guid LesionId { get; set; }
    public Lesion? Lesion { get; set; }
    public string? GpNote { get; set; }
}

public enum MessageKind
{
    /// <summary>From the dermatologist to the GP; the case waits for the GP.</summary>
    Question = 0,
    /// <summary>From the GP, answering a question; the case returns to the dermatologist.</summary>
    Reply = 1,
    Note = 2,
    /// <summary>The holder asks a colleague of the department for an opinion (<see cref="CaseMessage.AddresseeUserId"/>); department only.</summary>
    OpinionAsked = 3,
    /// <summary>A colleague's opinion, answering <see cref="OpinionAsked"/>; department only.</summary>
    Opinion = 4,
    /// <summary>The holder hands the case over to a colleague (<see cref="CaseMessage.AddresseeUserId"/>), who holds it from then on; department only.</summary>
    HandedOver = 5,
}

public static class MessageKinds
{
    /// <summary>What the GP reads and what leaves the department (report, FHIR): the question and the reply. The rest stays among the department's dermatologists.</summary>
    public static bool IsSharedWithGp(MessageKind kind) => kind is MessageKind.Question or MessageKind.Reply;

    /// <summary><see cref="IsSharedWithGp"/> as a query the database runs (a method call would not translate to SQL).</summary>
    public static IQueryable<CaseMessage> SharedWithGp(this IQueryable<CaseMessage> messages) =>
        messages.Where(m => m.Kind == MessageKind.Question || m.Kind == MessageKind.Reply);
}

/// <summary>What any message of a case's thread may say: some text, at most <see cref="MaxLength"/> characters.</summary>
public static class MessageText
{
    public const int MaxLength = 4000;

    /// <summary>Why <paramref name="trimmed"/> cannot be sent, or null; an empty text is allowed where the message says something else (a coded reason).</summary>
    public static Errors.Refusal? Problem(string trimmed, bool mayBeEmpty = false) => trimmed.Length switch
    {
        0 when !mayBeEmpty => Errors.Refusal.Case("MessageEmpty", "Write the message first."),
        > MaxLength => Errors.Refusal.Case("MessageTooLong", "A message has at most 4000 characters."),
        _ => null,
    };
}

public class CaseMessage
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public MessageKind Kind { get; set; }
    public string Body { get; set; } = "";
    public DateTime AtUtc { get; set; }
    /// <summary>For a question asking for new photos: why (the body may then be empty).</summary>
    public RetakeReason? Retake { get; set; }
    /// <summary>The colleague asked for an opinion or handed the case (<see cref="MessageKind.OpinionAsked"/>, <see cref="MessageKind.HandedOver"/>).</summary>
    public string? AddresseeUserId { get; set; }
}

/// <summary>One line of a case's timeline: every status change, who made it, when, why.</summary>
public class CaseTransition
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public CaseStatus From { get; set; }
    public CaseStatus To { get; set; }
    public string ByUserId { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public string? Reason { get; set; }
}

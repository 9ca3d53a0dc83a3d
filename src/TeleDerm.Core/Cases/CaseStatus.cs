namespace TeleDerm.Core.Cases;

public enum CaseStatus
{
    /// <summary>Being written by the GP; saved as they type; visible to nobody else.</summary>
    Draft = 0,
    /// <summary>Sent; waiting in the department's worklist.</summary>
    Submitted = 1,
    /// <summary>A dermatologist has taken it.</summary>
    Claimed = 2,
    InReview = 3,
    /// <summary>The dermatologist asked the GP a question.</summary>
    WaitingForGp = 4,
    Answered = 5,
    Closed = 6,
    /// <summary>Withdrawn by the GP before anyone claimed it.</summary>
    Cancelled = 7,
    /// <summary>The dermatologist decided the patient must be seen in person.</summary>
    ConvertedToAppointment = 8,
}

public enum Urgency
{
    Routine = 0,
    Soon = 1,
    Urgent = 2,
}

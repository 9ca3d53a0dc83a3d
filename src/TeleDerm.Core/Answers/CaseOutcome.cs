using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Answers;

/// <summary>
/// What became of a request, as department dashboards count it: did tele-expertise spare the patient a
/// visit? Published services report the share resolved remotely (KSYOS: about 7 in 10 intended referrals).
/// </summary>
public enum CaseOutcome
{
    ResolvedRemotely = 0,
    InPersonVisit = 1,
    UrgentVisit = 2,
    ExcisionOrBiopsy = 3,
}

public static class CaseOutcomes
{
    /// <summary>The outcome of an answer's management.</summary>
    public static CaseOutcome Of(Management management) => management switch
    {
        Management.Reassure or Management.TreatLocally or Management.Prescription or Management.PhotoFollowUp => CaseOutcome.ResolvedRemotely,
        Management.RoutineInPersonVisit => CaseOutcome.InPersonVisit,
        Management.UrgentInPersonVisit => CaseOutcome.UrgentVisit,
        Management.ExcisionOrBiopsy => CaseOutcome.ExcisionOrBiopsy,
        _ => throw new ArgumentOutOfRangeException(nameof(management), management, null),
    };

    /// <summary>Records on the case the outcome of the answer just given (the dashboard counts outcomes from the case row).</summary>
    public static void Record(TeleExpertiseCase @case, CaseAnswer answer) => @case.Outcome = Of(answer.Management);
}

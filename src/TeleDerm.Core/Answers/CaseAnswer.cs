namespace TeleDerm.Core.Answers;

/// <summary>What the dermatologist advises. The order is the order of the answer form.</summary>
public enum Management
{
    Reassure = 0,
    TreatLocally = 1,
    Prescription = 2,
    /// <summary>New photos in <see cref="CaseAnswer.FollowUpMonths"/> months.</summary>
    PhotoFollowUp = 3,
    RoutineInPersonVisit = 4,
    UrgentInPersonVisit = 5,
    ExcisionOrBiopsy = 6,
}

public enum DiagnosticConfidence
{
    Low = 0,
    Moderate = 1,
    High = 2,
}

/// <summary>
/// The dermatologist's answer to a tele-expertise request: diagnosis (ICD-10 code and words), management,
/// prescription, a message to the GP and advice for the patient. One per case; once the report is signed
/// it never changes (a correction is an addendum report).
/// </summary>
public class CaseAnswer
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string DermatologistUserId { get; set; } = "";
    /// <summary>ICD-10 code, e.g. "D22.5" (melanocytic naevus of trunk).</summary>
    public string DiagnosisCode { get; set; } = "";
    /// <summary>The diagnosis in the dermatologist's words (the coded label by default).</summary>
    public string DiagnosisText { get; set; } = "";
    public DiagnosticConfidence Confidence { get; set; }
    public Management Management { get; set; }
    /// <summary>For <see cref="Management.PhotoFollowUp"/>: in how many months.</summary>
    public int? FollowUpMonths { get; set; }
    public string MessageToGp { get; set; } = "";
    public string? PatientAdvice { get; set; }
    public DateTime AnsweredAtUtc { get; set; }
    public List<PrescriptionLine> Prescription { get; set; } = [];
}

/// <summary>One line of the prescription section of the report.</summary>
public class PrescriptionLine
{
    public Guid Id { get; set; }
    public Guid AnswerId { get; set; }
    /// <summary>Position in the prescription, from 1.</summary>
    public int LineNumber { get; set; }
    public string Medicine { get; set; } = "";
    public string Strength { get; set; } = "";
    public string Dose { get; set; } = "";
    public string Duration { get; set; } = "";
    public string? Instructions { get; set; }
}

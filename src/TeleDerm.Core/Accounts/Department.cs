namespace TeleDerm.Core.Accounts;

/// <summary>A hospital dermatology department: dermatologists and department heads belong to one.</summary>
public class Department
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>
    /// Whether GPs see the model's risk score on their own requests. Off by default: the model is a triage aid
    /// for dermatologists, not validated as a diagnostic test, and a number shown to the GP before the
    /// dermatologist's answer anchors their judgement (and the patient's, if they read it aloud).
    /// </summary>
    public bool RiskScoresVisibleToGps { get; set; }

    /// <summary>Whether signed reports print the model's score (after the conclusion, beside its disclaimer). Off by default.</summary>
    public bool RiskScoreInReports { get; set; }
}

/// <summary>A general practice: GPs belong to one.</summary>
public class Practice
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Set when the practice leaves TeleDerm: its GPs can no longer act and its API keys stop working.</summary>
    public DateTime? DisabledAtUtc { get; set; }
}

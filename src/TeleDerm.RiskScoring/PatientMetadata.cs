namespace TeleDerm.RiskScoring;

/// <summary>What the requesting GP said about the patient and the lesion; every value may be unknown.</summary>
public sealed record PatientMetadata(double? AgeYears = null, PatientSex? Sex = null, bool? ReportedChange = null)
{
    public static readonly PatientMetadata Unknown = new();
}

public enum PatientSex
{
    Female,
    Male,
}

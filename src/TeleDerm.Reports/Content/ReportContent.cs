namespace TeleDerm.Reports.Content;

/// <summary>
/// Everything a report shows, as plain values: the web host fills it from the case, the answer and the
/// images; the composer only lays it out. Times are given in UTC and printed in <see cref="TimeZone"/>.
/// </summary>
public sealed record ReportContent
{
    public required ReportHeader Header { get; init; }
    /// <summary>The GP's language: the report is written for them.</summary>
    public required ReportLanguage Language { get; init; }
    /// <summary>The report's own identifier, printed on every page.</summary>
    public required string ReportNumber { get; init; }
    public required ReportPatient Patient { get; init; }
    public required ReportRequest Request { get; init; }
    public required ReportPerson GeneralPractitioner { get; init; }
    public required ReportPerson Dermatologist { get; init; }
    /// <summary>The department's zone: every time on the report is printed in it, and the zone is named.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>The questions the dermatologist asked and the GP's replies, oldest first.</summary>
    public IReadOnlyList<ReportMessage> Thread { get; init; } = [];
    /// <summary>
    /// Each lesion's images and measurements. A lesion's <see cref="ReportLesion.Risk"/> is set only when the department
    /// chose to print the model's score; it is printed after the conclusion, beside the model's disclaimer.
    /// </summary>
    public IReadOnlyList<ReportLesion> Lesions { get; init; } = [];
    public required ReportConclusion Conclusion { get; init; }
    public IReadOnlyList<ReportPrescriptionLine> Prescription { get; init; } = [];
    /// <summary>Set when this report corrects an earlier signed one.</summary>
    public ReportAddendum? AddendumTo { get; init; }
    /// <summary>Who signs and when; null for an unsigned draft (marked as such on the page).</summary>
    public ReportSignatureBlock? Signature { get; init; }
}

public enum ReportLanguage
{
    English = 0,
    French = 1,
}

public static class ReportLanguages
{
    /// <summary>French for any French culture ("fr", "fr-FR", "fr-CA"), English otherwise.</summary>
    public static ReportLanguage FromCulture(string? cultureName) =>
        cultureName is not null && (cultureName.Equals("fr", StringComparison.OrdinalIgnoreCase)
            || cultureName.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            ? ReportLanguage.French
            : ReportLanguage.English;
}

/// <summary>The institution's letterhead (configured per installation).</summary>
public sealed record ReportHeader(string InstitutionName, IReadOnlyList<string> AddressLines, byte[]? Logo = null);

/// <summary>The patient as a clinician identifies them: names, birth date (age is printed beside it), sex, national health identifier (null when not known; never an internal id).</summary>
public sealed record ReportPatient(string Name, string? NationalHealthId, DateOnly? BirthDate, string? Sex);

public sealed record ReportRequest(string RequestNumber, DateTime SubmittedAtUtc, string? ClinicalQuestion)
{
    /// <summary>The GP's questionnaire in short, label and answer, already in the report's language.</summary>
    public IReadOnlyList<ReportFact> Questionnaire { get; init; } = [];
}

public sealed record ReportFact(string Label, string Value);

/// <summary>A clinician: name, professional registration number when known, and their practice or department.</summary>
public sealed record ReportPerson(string Name, string? RegistrationNumber, string? Organisation = null);

/// <summary>One message of the case's thread; <see cref="Kind"/> is already in the report's language ("Question", "Reply").</summary>
public sealed record ReportMessage(string Author, string Kind, DateTime AtUtc, string Text);

public sealed record ReportLesion(
    int Number,
    string BodySite,
    IReadOnlyList<ReportImage> Images,
    IReadOnlyList<ReportMeasurement> Measurements,
    ReportRisk? Risk);

/// <summary>A baseline JPEG (embedded as is) or a PNG; <see cref="IsPrior"/> for an earlier image compared with this one.</summary>
public sealed record ReportImage(byte[] Encoded, DateTime AcquiredAtUtc, bool IsPrior, string? Description = null);

/// <summary>A calibrated measurement as the viewer reports it: "Diameter", "6.2 mm" (uncalibrated lengths are not printed).</summary>
public sealed record ReportMeasurement(string Label, string Value);

/// <summary>The risk model's output and what the model is for (the intended-use statement of its card).</summary>
public sealed record ReportRisk(double Score, string Band, string ModelName, string ModelVersion, string IntendedUse);

public sealed record ReportConclusion(
    string DiagnosisCode,
    string DiagnosisText,
    ReportConfidence Confidence,
    ReportManagement Management,
    int? FollowUpMonths,
    string MessageToGp,
    string? PatientAdvice,
    DateTime AnsweredAtUtc);

/// <summary>Mirrors TeleDerm.Core.Answers.DiagnosticConfidence (this library does not depend on Core).</summary>
public enum ReportConfidence
{
    Low = 0,
    Moderate = 1,
    High = 2,
}

/// <summary>Mirrors TeleDerm.Core.Answers.Management, same names and values.</summary>
public enum ReportManagement
{
    Reassure = 0,
    TreatLocally = 1,
    Prescription = 2,
    PhotoFollowUp = 3,
    RoutineInPersonVisit = 4,
    UrgentInPersonVisit = 5,
    ExcisionOrBiopsy = 6,
}

public sealed record ReportPrescriptionLine(string Medicine, string Strength, string Dose, string Duration, string? Instructions);

/// <summary>The earlier signed report this one corrects, named by number and the SHA-256 of its file.</summary>
public sealed record ReportAddendum(string ReportNumber, string Sha256, DateTime SignedAtUtc);

/// <summary>What the signature block on the page says; the cryptographic signature is added by the signer.</summary>
public sealed record ReportSignatureBlock(string SignerName, string CertificateSubject, string CertificateIssuer, DateTime SigningTimeUtc);

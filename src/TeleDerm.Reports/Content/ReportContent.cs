namespace TeleDerm.Reports.Content;

/// <summary>
/// Everything a report shows, as plain values: the web host fills it from the case, the answer and the
/// images; the composer only lays it out. Times are UTC.
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

public sealed record ReportPatient(string Name, string PatientId, DateOnly? BirthDate, string? Sex);

public sealed record ReportRequest(string RequestNumber, DateTime SubmittedAtUtc, string? ClinicalQuestion);

public sealed record ReportPerson(string Name, string Identifier);

public sealed record ReportLesion(
    int Number,
    string BodySite,
    IReadOnlyList<ReportImage> Images,
    IReadOnlyList<ReportMeasurement> Measurements,
    ReportRisk? Risk);

/// <summary>A baseline JPEG (embedded as is) or a PNG; <see cref="IsPrior"/> for an earlier image compared with this one.</summary>
public sealed record ReportImage(byte[] Encoded, DateTime AcquiredAtUtc, bool IsPrior, string? Description = null);

/// <summary>A measurement as the viewer reports it: "Diameter", "6.2 mm".</summary>
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

using TeleDerm.Core.Cases;
using TeleDerm.Core.Errors;

namespace TeleDerm.Core.Intake;

/// <summary>Everything a GP sends with a tele-expertise request (from the intake page or the intake API).</summary>
public sealed record IntakeRequest(
    PatientInput Patient,
    string Reason,
    Questionnaire Questionnaire,
    Urgency Urgency,
    string? UrgencyReason,
    bool PatientConsent,
    IReadOnlyList<LesionInput> Lesions,
    bool SamePatientConfirmed = false,
    bool ReidentifyDicomFiles = false);

public sealed record PatientInput(string FamilyName, string GivenName, DateOnly? BirthDate, Sex Sex,
    string? NationalHealthId = null, string? Phone = null, string? Email = null);

/// <summary>A lesion: a new one (body site and description) or, for a follow-up, one the patient already has.</summary>
public sealed record LesionInput(string BodySiteCode, Laterality Laterality, string? Description, IReadOnlyList<PhotoInput> Photos, Guid? ExistingLesionId = null);

public sealed record PhotoInput(string FileName, ImageKind Kind, byte[] Bytes);

/// <summary>
/// A problem with one field of a request. <see cref="Message"/> is English (the intake API's problem details, the
/// logs); <see cref="Code"/> names the resource "IntakeError.{Code}" the page shows instead, formatted with
/// <see cref="Arguments"/> in the reader's language.
/// </summary>
/// <param name="Field">The field's path ("patient.familyName", "lesions[0].photos"), for the page and the API.</param>
/// <param name="Message">The English sentence (the API's problem detail and the logs).</param>
/// <param name="Code">Names the reader's text "IntakeError.{Code}"; every error has one.</param>
public sealed record IntakeError(string Field, string Message, string Code, params object[] Arguments)
{
    /// <summary>The error as every refusal is read: "IntakeError.{Code}" with its arguments.</summary>
    public Refusal Refusal => Refusal.Intake(Code, Message, Arguments);
}

public sealed record PatientMatch(Guid PatientId, string Name, DateOnly BirthDate);

/// <summary>What became of a request: the case made, or every problem found, or a possible same patient the GP must confirm first.</summary>
public sealed record IntakeResult(Guid? CaseId, string? Reference, IReadOnlyList<IntakeError> Errors, PatientMatch? NeedsConfirmation = null)
{
    public bool Succeeded => CaseId is not null;

    public static IntakeResult Invalid(IReadOnlyList<IntakeError> errors) => new(null, null, errors);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using TeleDerm.Core.Cases;

namespace TeleDerm.Web.Features.IntakeApi;

// The JSON of the intake API (the "request" part of POST /api/v1/cases, and the status answer). Field names
// are camelCase, enums are strings ("urgent", "dermoscopic"), unknown fields are refused: a misspelt field
// must not be silently dropped from a medical request.

/// <summary>A tele-expertise request from practice software.</summary>
public sealed record ApiCaseRequest(
    /// <summary>The requesting GP: their user name or e-mail in TeleDerm; they must belong to the key's practice.</summary>
    string RequestingGp,
    ApiPatient Patient,
    string Reason,
    Urgency Urgency,
    bool PatientConsent,
    IReadOnlyList<ApiLesion> Lesions,
    ApiQuestionnaire? Questionnaire = null,
    /// <summary>Required when the urgency is "soon" or "urgent".</summary>
    string? UrgencyReason = null,
    /// <summary>The department's name; may be left out when TeleDerm serves one department.</summary>
    string? Department = null,
    /// <summary>DICOM files of another patient identity are refused unless this is true.</summary>
    bool ReidentifyDicomFiles = false);

public sealed record ApiPatient(
    string FamilyName,
    string GivenName,
    DateOnly? BirthDate,
    Sex Sex,
    string? NationalHealthId = null,
    string? Phone = null,
    string? Email = null,
    /// <summary>True when the GP confirmed that an existing patient with the same names and birth date is this patient.</summary>
    bool ConfirmSamePatient = false);

public sealed record ApiQuestionnaire(
    int? DurationMonths = null,
    Evolution Evolution = Evolution.Unknown,
    string? EvolutionDetails = null,
    bool Itch = false,
    bool Bleeding = false,
    bool Pain = false,
    bool Ulceration = false,
    string? TreatmentsTried = null,
    bool? PersonalHistoryOfSkinCancer = null,
    bool? FamilyHistoryOfMelanoma = null,
    int? FitzpatrickPhototype = null,
    bool? Immunosuppressed = null);

public sealed record ApiLesion(
    IReadOnlyList<ApiPhoto> Photos,
    /// <summary>SNOMED CT body site code (see the intake page's list); not needed for a follow-up of an existing lesion.</summary>
    string? BodySiteCode = null,
    Laterality Laterality = Laterality.NotApplicable,
    string? Description = null,
    /// <summary>For a follow-up: the lesion (id from an earlier answer) these photos show again.</summary>
    Guid? ExistingLesionId = null);

/// <summary>A photo: <see cref="File"/> names the multipart part that carries its bytes.</summary>
public sealed record ApiPhoto(string File, ImageKind Kind);

public sealed record ApiCaseCreated(Guid Id, string Reference, CaseStatus Status, string StatusUrl, IReadOnlyList<ApiCreatedLesion> Lesions);

public sealed record ApiCreatedLesion(Guid Id, string BodySiteCode, string TrackingUid);

public sealed record ApiCaseStatus(
    Guid Id,
    string Reference,
    CaseStatus Status,
    Urgency Urgency,
    DateTime? SubmittedAtUtc,
    DateTime? ClaimedAtUtc,
    DateTime? FirstResponseAtUtc,
    DateTime? AnsweredAtUtc,
    DateTime? ClosedAtUtc,
    DateTime LastActivityAtUtc,
    /// <summary>True while a dermatologist's question waits for the GP.</summary>
    bool WaitingForGp,
    string WebUrl);

/// <summary>
/// One field in error: its JSON path (or file part), a sentence in the caller's language, a stable code for
/// software, and where the check knows more (a decoder's exact finding), that technical detail in English.
/// </summary>
public sealed record ApiFieldError(string Field, string Message, string? Code, string? Detail = null);

/// <summary>How the intake API reads and writes JSON (also the host's JSON options, so OpenAPI describes the same).</summary>
public static class IntakeApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}

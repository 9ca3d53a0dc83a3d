using TeleDerm.Core.Intake;

namespace TeleDerm.Fhir.Intake;

/// <summary>
/// Where each part of an intake request came from in the Bundle, so that an error of the intake use case (which
/// names its own fields: "patient.birthDate", "lesions[1].bodySite", "photos[3]") is reported at the FHIR element.
/// </summary>
public sealed class FhirIntakeLocations
{
    private readonly int? patient;
    private readonly int serviceRequest;
    private readonly int? questionnaire;
    private readonly List<int> lesionEntries = [];
    private List<(int Lesion, int Entry)> photoEntries = [];

    internal FhirIntakeLocations(BundleParts parts)
    {
        patient = parts.Patient?.Index;
        serviceRequest = parts.ServiceRequest.Index;
        questionnaire = parts.Questionnaire?.Index;
    }

    internal static string Path(int entry) => $"Bundle.entry[{entry}].resource";

    internal int PhotoCount() => photoEntries.Count;

    internal void AddLesion(int entry) => lesionEntries.Add(entry);

    internal void AddPhoto(int lesion, int entry) => photoEntries.Add((lesion, entry));

    internal void OrderPhotosByLesion() => photoEntries = [.. photoEntries.OrderBy(p => p.Lesion)];

    private string ServiceRequest(string element) => $"{Path(serviceRequest)}.{element}";

    private string Patient(string element) => patient is { } entry ? $"{Path(entry)}.{element}" : ServiceRequest("subject");

    private string Question(string linkId) => questionnaire is { } entry ? $"{Path(entry)}.item.where(linkId='{linkId}')" : "Bundle.entry";

    /// <summary>The FHIRPath of the element an intake error is about; the Bundle when nothing more precise is known.</summary>
    public string ExpressionOf(IntakeError error) => ExpressionOf(error.Field);

    /// <summary>The FHIRPath of a field the intake or the REST API names ("requestingGp", "lesions[0].bodySite").</summary>
    public string ExpressionOf(string field) => field switch
    {
        "patient.familyName" => Patient("name[0].family"),
        "patient.givenName" => Patient("name[0].given"),
        "patient.birthDate" => Patient("birthDate"),
        "patient.nationalHealthId" => Patient("identifier"),
        "patient" => patient is { } entry ? Path(entry) : ServiceRequest("subject"),
        "reason" => ServiceRequest("reasonCode[0]"),
        "urgencyReason" => ServiceRequest("note[0].text"),
        "consent" => Question(TeleExpertiseQuestionnaire.PatientConsent),
        "questionnaire.phototype" => Question(TeleExpertiseQuestionnaire.Phototype),
        "requestingGp" => ServiceRequest("requester"),
        "department" => ServiceRequest("performer[0]"),
        _ when Indexed(field, "lesions[") is { } i && i < lesionEntries.Count =>
            $"{Path(lesionEntries[i])}.{(field.EndsWith(".bodySite", StringComparison.Ordinal) ? "bodySite" : "content")}",
        _ when Indexed(field, "photos[") is { } i && i < photoEntries.Count => $"{Path(photoEntries[i].Entry)}.content",
        _ => "Bundle",
    };

    private static int? Indexed(string field, string prefix) =>
        field.StartsWith(prefix, StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is > 0 and var end
        && int.TryParse(field.AsSpan(prefix.Length, end - prefix.Length), out var index) ? index : null;
}

using Hl7.Fhir.Model;

namespace TeleDerm.Fhir;

/// <summary>One search parameter a resource type honours (any other is refused, never ignored).</summary>
public sealed record FhirSearchParameter(string Name, SearchParamType Type, string Documentation);

/// <summary>What TeleDerm's FHIR API does for one resource type.</summary>
public sealed record FhirResourceSupport(string Type, bool Read, IReadOnlyList<FhirSearchParameter> Search, string Documentation);

/// <summary>
/// Exactly what the FHIR API supports: the web host maps these routes and nothing else, and the CapabilityStatement
/// is written from this list (a test walks it against the routes).
/// </summary>
public static class FhirCapabilities
{
    public const string FhirVersion = "4.0.1";

    public static readonly IReadOnlyList<FhirResourceSupport> Resources =
    [
        new("Patient", Read: true, [], "A patient of one of the practice's requests, as TeleDerm recorded them."),
        new("ServiceRequest", Read: true,
            [
                new("patient", SearchParamType.Reference, "Patient/{id}: the requests about this patient."),
                new("identifier", SearchParamType.Token, "system|value: the request the practice's software identified so."),
                new("_lastUpdated", SearchParamType.Date, "Changed since (ge, gt) or before (le, lt) an instant or a day; eq (no prefix) for a day."),
                new("_count", SearchParamType.Number, "At most this many per page (default 50, at most 100); the next page is the link \"next\"."),
            ],
            "The practice's tele-expertise requests; created in a transaction Bundle with the Patient, the questionnaire and the photos."),
        new("DiagnosticReport", Read: true,
            [new("based-on", SearchParamType.Reference, "ServiceRequest/{id}: the signed report and addenda of the request.")],
            "The dermatologist's signed answer: conclusion, ICD-10 conclusionCode, the signed PDF as presentedForm."),
        new("Communication", Read: true,
            [new("based-on", SearchParamType.Reference, "ServiceRequest/{id}: the questions and replies of the request.")],
            "A dermatologist's question to the GP, or the GP's reply."),
        new("Media", Read: false, [], "A photo of a lesion; only created, inside the transaction Bundle of a request."),
        new("QuestionnaireResponse", Read: false, [], "The intake questionnaire; only created, inside the transaction Bundle of a request."),
    ];

    public static CapabilityStatement Statement(string baseUrl, string softwareVersion, DateTimeOffset date) => new()
    {
        Status = PublicationStatus.Active,
        Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Publisher = "TeleDerm",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "TeleDerm", Version = softwareVersion },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "TeleDerm tele-expertise FHIR API", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirJson.MediaType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = new Markdown("Requests from practice software; see docs/integration.md."),
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = new Markdown("Every request but this one carries the practice's API key: \"Authorization: Bearer tdk_...\". "
                        + "A key sees only its own practice's requests, their patients, answers and questions."),
                },
                Resource = [.. Resources.Select(Resource)],
                Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction,
                    Documentation = new Markdown("A new request: a transaction Bundle with a Patient (or a ServiceRequest.subject \"Patient/{id}\"), a ServiceRequest, "
                        + "a QuestionnaireResponse and one Media per photo. Idempotent on the ServiceRequest's identifier.") }],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(FhirResourceSupport support)
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = support.Type,
            Documentation = new Markdown(support.Documentation),
            ConditionalCreate = support.Type == "ServiceRequest" ? true : null,
            SearchParam = [.. support.Search.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Documentation = new Markdown(p.Documentation) })],
        };
        if (support.Read)
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
        if (support.Search.Count > 0)
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
        return resource;
    }
}

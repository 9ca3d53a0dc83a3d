using Hl7.Fhir.Model;
using TeleDerm.Core.Cases;
using Patient = Hl7.Fhir.Model.Patient;
using TeleDerm.Core.Intake;

namespace TeleDerm.Fhir.Intake;

/// <summary>
/// A tele-expertise request read from a FHIR transaction Bundle, ready for the intake use case: what the intake needs
/// (<see cref="Request"/>), who sends it and to whom, the practice's own identifier of the request (its idempotency
/// key), and where each part came from in the Bundle, so that the intake's own errors point at the element in error.
/// </summary>
/// <param name="Request">The request; its patient is empty when <see cref="ExistingPatientId"/> names a patient instead.</param>
/// <param name="RequestingGp">The requester's identifier value: the GP's TeleDerm user name or e-mail.</param>
/// <param name="Department">The performer's name, or null to let TeleDerm choose when it serves one department.</param>
/// <param name="Identifier">The ServiceRequest's identifier as "system|value".</param>
/// <param name="ExistingPatientId">Set when the ServiceRequest's subject is "Patient/{id}", a patient TeleDerm already has.</param>
public sealed record FhirIntakeRequest(IntakeRequest Request, string RequestingGp, string? Department, string Identifier, Guid? ExistingPatientId,
    FhirIntakeLocations Locations);

/// <summary>Reads the transaction Bundle of a tele-expertise request (see docs/integration.md for the example).</summary>
public static class FhirIntakeBundle
{
    /// <summary>Identifier "system|value" longer than this cannot be remembered as the request's idempotency key.</summary>
    public const int MaxIdentifierLength = 90;

    /// <summary>
    /// The request, or every problem found (all at once, each at its element). Nothing is looked up here: the
    /// GP, the department, the patient and the photos' content are checked by the caller and the intake.
    /// </summary>
    /// <param name="nationalHealthIdSystem">The Patient.identifier system read as the national health identifier.</param>
    public static (FhirIntakeRequest? Request, IReadOnlyList<FhirIssue> Issues) Read(Resource? resource, string nationalHealthIdSystem)
    {
        var issues = new List<FhirIssue>();
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction } bundle)
        {
            issues.Add(new(resource is Bundle ? "Bundle.type" : resource?.TypeName ?? "Bundle", OperationOutcome.IssueType.Structure, "NotTransaction",
                "Send the request as a Bundle of type \"transaction\"."));
            return (null, issues);
        }
        var parts = Entries(bundle, issues);
        if (parts is null)
            return (null, issues);

        var locations = new FhirIntakeLocations(parts);
        var serviceRequest = (ServiceRequest)parts.ServiceRequest.Resource;
        var at = FhirIntakeLocations.Path(parts.ServiceRequest.Index);
        var identifier = RequestIdentifier(serviceRequest, parts.ServiceRequest, issues);
        var existingPatientId = parts.Patient is null ? ExistingPatient(serviceRequest, at, issues) : null;
        if (parts.Patient is not null)
            CheckReference(serviceRequest.Subject, parts.Patient.Entry.FullUrl, $"{at}.subject", issues);
        if (serviceRequest.Status is not RequestStatus.Active || serviceRequest.Intent is not RequestIntent.Order)
            issues.Add(new($"{at}.status", OperationOutcome.IssueType.Value, "RequestNotActiveOrder", "A new request is a ServiceRequest with status \"active\" and intent \"order\"."));
        var requester = serviceRequest.Requester?.Identifier?.Value ?? serviceRequest.Requester?.Display;
        if (string.IsNullOrWhiteSpace(requester))
            issues.Add(new($"{at}.requester", OperationOutcome.IssueType.Required, "RequesterMissing",
                "Name the requesting GP in requester.identifier.value: their TeleDerm user name or e-mail."));
        var department = serviceRequest.Performer.FirstOrDefault() is { } performer ? performer.Display ?? performer.Identifier?.Value : null;

        var patient = parts.Patient is { } p ? PatientOf((Patient)p.Resource, FhirIntakeLocations.Path(p.Index), nationalHealthIdSystem, issues)
            : new PatientInput("", "", null, Sex.Unknown);
        var (questionnaire, consent) = TeleExpertiseQuestionnaire.Read((QuestionnaireResponse?)parts.Questionnaire?.Resource,
            parts.Questionnaire is { } q ? FhirIntakeLocations.Path(q.Index) : "", issues);
        var lesions = Lesions(parts, locations, issues);

        if (issues.Count > 0)
            return (null, issues);
        var request = new IntakeRequest(patient, ReasonOf(serviceRequest), questionnaire, FhirCodes.ToUrgency(serviceRequest.Priority),
            serviceRequest.Note.FirstOrDefault()?.Text, consent, lesions, SamePatientConfirmed: existingPatientId is not null);
        return (new FhirIntakeRequest(request, requester!.Trim(), string.IsNullOrWhiteSpace(department) ? null : department.Trim(), identifier!,
            existingPatientId, locations), issues);
    }

    /// <summary>The Bundle's entries by role; null when its shape is wrong (issues say where).</summary>
    private static BundleParts? Entries(Bundle bundle, List<FhirIssue> issues)
    {
        BundlePart? patient = null, serviceRequest = null, questionnaire = null;
        var media = new List<BundlePart>();
        foreach (var (entry, i) in bundle.Entry.Select((e, i) => (e, i)))
        {
            var at = $"Bundle.entry[{i}]";
            if (entry.Request?.Method is not Bundle.HTTPVerb.POST)
                issues.Add(new($"{at}.request.method", OperationOutcome.IssueType.NotSupported, "EntryNotPost", "Each entry of the request is created: request.method \"POST\"."));
            var part = entry.Resource is null ? null : new BundlePart(i, entry, entry.Resource);
            switch (entry.Resource)
            {
                case Patient when patient is null: patient = part; break;
                case ServiceRequest when serviceRequest is null: serviceRequest = part; break;
                case QuestionnaireResponse when questionnaire is null: questionnaire = part; break;
                case Media: media.Add(part!); break;
                case Patient or ServiceRequest or QuestionnaireResponse:
                    issues.Add(new($"{at}.resource", OperationOutcome.IssueType.BusinessRule, "EntryRepeated",
                        $"A request has one {entry.Resource.TypeName}; this is a second one.", entry.Resource.TypeName));
                    break;
                default:
                    issues.Add(new($"{at}.resource", OperationOutcome.IssueType.NotSupported, "EntryNotSupported",
                        $"A request holds a Patient, a ServiceRequest, a QuestionnaireResponse and one Media per photo; {entry.Resource?.TypeName ?? "an empty entry"} is not read.",
                        entry.Resource?.TypeName ?? "-"));
                    break;
            }
        }
        if (serviceRequest is null)
            issues.Add(new("Bundle.entry", OperationOutcome.IssueType.Required, "ServiceRequestMissing", "The Bundle has no ServiceRequest: the request itself."));
        if (media.Count == 0)
            issues.Add(new("Bundle.entry", OperationOutcome.IssueType.Required, "MediaMissing", "The Bundle has no Media: add one per photo."));
        return issues.Count > 0 ? null : new BundleParts(patient, serviceRequest!, questionnaire, media);
    }

    private static string? RequestIdentifier(ServiceRequest request, BundlePart part, List<FhirIssue> issues)
    {
        var at = FhirIntakeLocations.Path(part.Index);
        var identifier = request.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.System) && !string.IsNullOrWhiteSpace(i.Value));
        if (identifier is null)
        {
            issues.Add(new($"{at}.identifier", OperationOutcome.IssueType.Required, "IdentifierMissing",
                "Give the request your software's identifier (system and value): a retry with the same one never creates a second request."));
            return null;
        }
        var key = $"{identifier.System}|{identifier.Value}";
        if (key.Length > MaxIdentifierLength || key.Any(char.IsControl))
        {
            issues.Add(new($"{at}.identifier", OperationOutcome.IssueType.TooLong, "IdentifierTooLong",
                $"The identifier's system and value take at most {MaxIdentifierLength} characters together.", MaxIdentifierLength));
            return null;
        }
        var condition = part.Entry.Request?.IfNoneExist;
        if (condition is not null && condition != $"identifier={key}")
        {
            issues.Add(new($"Bundle.entry[{part.Index}].request.ifNoneExist", OperationOutcome.IssueType.NotSupported, "IfNoneExistNotIdentifier",
                $"ifNoneExist may only be \"identifier={key}\", the request's own identifier.", key));
        }
        return key;
    }

    private static Guid? ExistingPatient(ServiceRequest request, string at, List<FhirIssue> issues)
    {
        var reference = request.Subject?.Reference;
        if (reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id))
            return id;
        issues.Add(new($"{at}.subject", OperationOutcome.IssueType.Required, "PatientMissing",
            "Add the patient: a Patient entry that the subject references, or \"Patient/{id}\" for a patient TeleDerm already gave you."));
        return null;
    }

    private static void CheckReference(ResourceReference? reference, string? fullUrl, string at, List<FhirIssue> issues)
    {
        if (reference?.Reference is null || reference.Reference != fullUrl)
            issues.Add(new(at, OperationOutcome.IssueType.Invalid, "ReferenceNotInBundle", $"This must reference the Bundle's Patient entry (its fullUrl, {fullUrl ?? "missing"}).", fullUrl ?? "-"));
    }

    private static PatientInput PatientOf(Patient patient, string at, string nationalHealthIdSystem, List<FhirIssue> issues)
    {
        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        DateOnly? birthDate = null;
        if (patient.BirthDate is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                birthDate = day;
            else
                issues.Add(new($"{at}.birthDate", OperationOutcome.IssueType.Value, "BirthDateNotFull", "The full birth date is needed (year, month and day)."));
        }
        var nationalId = patient.Identifier.FirstOrDefault(i => i.System == nationalHealthIdSystem)?.Value;
        string? Telecom(ContactPoint.ContactPointSystem system) => patient.Telecom.FirstOrDefault(t => t.System == system)?.Value;
        return new PatientInput(name?.Family ?? "", string.Join(' ', name?.Given ?? []), birthDate, FhirCodes.ToSex(patient.Gender), nationalId,
            Telecom(ContactPoint.ContactPointSystem.Phone), Telecom(ContactPoint.ContactPointSystem.Email));
    }

    /// <summary>The reason in words: the first reasonCode's text, or its first coding's display.</summary>
    private static string ReasonOf(ServiceRequest request) =>
        request.ReasonCode.FirstOrDefault() is { } reason ? reason.Text ?? reason.Coding.FirstOrDefault()?.Display ?? "" : "";

    /// <summary>
    /// Groups the photos into lesions: photos of the same body site (with its laterality) and the same description
    /// (bodySite.text) are one lesion; a coding of <see cref="FhirSystems.Lesion"/> names a lesion TeleDerm already has.
    /// </summary>
    private static List<LesionInput> Lesions(BundleParts parts, FhirIntakeLocations locations, List<FhirIssue> issues)
    {
        var lesions = new List<(string Key, LesionInput Lesion)>();
        foreach (var part in parts.Media)
        {
            var media = (Media)part.Resource;
            var at = FhirIntakeLocations.Path(part.Index);
            var photo = PhotoOf(media, at, locations.PhotoCount(), issues);
            var site = SiteOf(media.BodySite, $"{at}.bodySite", issues);
            if (media.Subject is not null && parts.Patient is not null)
                CheckReference(media.Subject, parts.Patient.Entry.FullUrl, $"{at}.subject", issues);
            if (photo is null || site is null)
                continue;
            var (code, laterality, existing) = site.Value;
            var description = media.BodySite?.Text?.Trim();
            var key = $"{existing}|{code}|{laterality}|{description}";
            var index = lesions.FindIndex(l => l.Key == key);
            if (index < 0)
            {
                lesions.Add((key, new LesionInput(code, laterality, description, [], existing)));
                index = lesions.Count - 1;
                locations.AddLesion(part.Index);
            }
            lesions[index] = (key, lesions[index].Lesion with { Photos = [.. lesions[index].Lesion.Photos, photo] });
            locations.AddPhoto(index, part.Index);
        }
        // The intake numbers photos lesion by lesion: keep that order for the errors that name a photo.
        locations.OrderPhotosByLesion();
        return [.. lesions.Select(l => l.Lesion)];
    }

    private static PhotoInput? PhotoOf(Media media, string at, int number, List<FhirIssue> issues)
    {
        if (media.Content?.Data is not { Length: > 0 } bytes)
        {
            issues.Add(new($"{at}.content.data", OperationOutcome.IssueType.Required, "PhotoDataMissing", "Put the photo's bytes in content.data (base64)."));
            return null;
        }
        var kind = media.Modality?.Coding.Any(c => c.System == FhirSystems.DicomModality && c.Code == "DMS") == true ? ImageKind.Dermoscopic : ImageKind.Clinical;
        return new PhotoInput(media.Content.Title ?? $"photo-{number + 1}", kind, bytes);
    }

    private static (string Code, Laterality Laterality, Guid? Existing)? SiteOf(CodeableConcept? bodySite, string at, List<FhirIssue> issues)
    {
        if (bodySite?.Coding.FirstOrDefault(c => c.System == FhirSystems.Lesion) is { } known)
        {
            if (Guid.TryParse(known.Code, out var lesionId))
                return ("", Laterality.NotApplicable, lesionId);
            issues.Add(new(at, OperationOutcome.IssueType.Value, "LesionIdNotValid", "A known lesion is named by the id TeleDerm gave it."));
            return null;
        }
        var snomed = bodySite?.Coding.FirstOrDefault(c => c.System == FhirSystems.Snomed)?.Code;
        if (snomed is null)
        {
            issues.Add(new(at, OperationOutcome.IssueType.Required, "BodySiteMissing", "Give each photo's body site as a SNOMED CT code (see the documentation's list)."));
            return null;
        }
        if (FhirCodes.ParseBodySite(snomed) is not { } site)
        {
            issues.Add(new(at, OperationOutcome.IssueType.Value, "LateralityNotValid",
                $"A laterality is written \"site:{FhirSystems.LateralityAttribute}=side\", the side being {FhirSystems.LeftCode} (left), {FhirSystems.RightCode} (right) or {FhirSystems.MidlineCode} (midline)."));
            return null;
        }
        return (site.Site, site.Laterality, null);
    }
}

internal sealed record BundlePart(int Index, Bundle.EntryComponent Entry, Resource Resource);

internal sealed record BundleParts(BundlePart? Patient, BundlePart ServiceRequest, BundlePart? Questionnaire, IReadOnlyList<BundlePart> Media);

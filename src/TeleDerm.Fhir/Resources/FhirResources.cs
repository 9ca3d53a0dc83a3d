using System.Security.Cryptography;
using Hl7.Fhir.Model;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Reports;
using Patient = Hl7.Fhir.Model.Patient;
using CasePatient = TeleDerm.Core.Cases.Patient;

namespace TeleDerm.Fhir.Resources;

/// <summary>
/// TeleDerm's records written as FHIR R4 resources for the practice that sent the request. Pure translation: the
/// caller has already checked that the practice may see them. Every resource here validates against the R4 base
/// profiles (TeleDerm.Fhir.Tests checks each with the Firely validator).
/// </summary>
public static class FhirResources
{
    public static Patient Patient(CasePatient patient, string nationalHealthIdSystem)
    {
        var resource = new Patient
        {
            Id = patient.Id.ToString(),
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = patient.FamilyName, Given = patient.GivenName.Split(' ', StringSplitOptions.RemoveEmptyEntries) }],
            Gender = FhirCodes.ToFhir(patient.Sex),
            BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (patient.NationalHealthId is { } nationalId)
            resource.Identifier.Add(new Identifier(nationalHealthIdSystem, nationalId));
        if (patient.Phone is { Length: > 0 } phone)
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        if (patient.Email is { Length: > 0 } email)
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        return resource;
    }

    /// <param name="practiceIdentifier">The practice's own identifier of the request ("system|value"), when it sent one.</param>
    public static ServiceRequest ServiceRequest(TeleExpertiseCase @case, string? practiceIdentifier, TeleDermUser? requester, string departmentName)
    {
        var request = new ServiceRequest
        {
            Id = @case.Id.ToString(),
            Meta = new Meta { LastUpdated = Instant(@case.LastActivityAtUtc) },
            Status = FhirCodes.ToFhir(@case.Status),
            Intent = RequestIntent.Order,
            Priority = FhirCodes.ToFhir(@case.Urgency),
            Code = new CodeableConcept { Text = "Dermatology tele-expertise" },
            Subject = new ResourceReference($"Patient/{@case.PatientId}"),
            Requester = User(requester),
            Performer = [new ResourceReference { Type = "Organization", Display = departmentName }],
            ReasonCode = [new CodeableConcept { Text = @case.Reason }],
            BodySite = [.. @case.Lesions.Where(l => l.Lesion is not null).Select(l => BodySite(l.Lesion!))],
        };
        if (@case.SubmittedAtUtc is { } submitted)
            request.AuthoredOnElement = DateTime(submitted);
        request.Identifier.Add(new Identifier(FhirSystems.CaseReference, @case.Reference));
        if (practiceIdentifier?.Split('|', 2) is [var system, var value])
            request.Identifier.Insert(0, new Identifier(system, value));
        if (@case.UrgencyReason is { Length: > 0 } why)
            request.Note.Add(new Annotation { Text = new Markdown(why) });
        return request;
    }

    /// <summary>
    /// One signed report (or addendum) as a DiagnosticReport: the signed PDF as its presentedForm, exactly the signed
    /// bytes. The answer's coded conclusion goes on the current report only (the latest): an earlier one was corrected.
    /// </summary>
    public static DiagnosticReport DiagnosticReport(SignedReport report, TeleExpertiseCase @case, CaseAnswer? currentAnswer, TeleDermUser? signer,
        string departmentName, string pdfUrl)
    {
        var resource = new DiagnosticReport
        {
            Id = report.Id.ToString(),
            Meta = new Meta { LastUpdated = Instant(report.SignedAtUtc) },
            Identifier = [new Identifier(FhirSystems.ReportNumber, report.ReportNumber)],
            BasedOn = [new ResourceReference($"ServiceRequest/{@case.Id}")],
            Status = report.AddendumOfReportId is null ? Hl7.Fhir.Model.DiagnosticReport.DiagnosticReportStatus.Final
                : Hl7.Fhir.Model.DiagnosticReport.DiagnosticReportStatus.Appended,
            Code = new CodeableConcept(FhirSystems.Loinc, FhirSystems.ConsultNoteCode, "Consult note", "Dermatology tele-expertise report"),
            Subject = new ResourceReference($"Patient/{@case.PatientId}"),
            Issued = Instant(report.SignedAtUtc),
            Performer = [User(signer), new ResourceReference { Type = "Organization", Display = departmentName }],
            ResultsInterpreter = [User(signer)],
            PresentedForm =
            [
                new Attachment
                {
                    ContentType = "application/pdf",
                    Language = report.Language,
                    Data = report.Pdf,
                    Url = pdfUrl,
                    // R4's Attachment.hash is the SHA-1 of the data; the SHA-256 is the report's ETag in the REST API.
                    Hash = SHA1.HashData(report.Pdf),
                    Title = $"{report.ReportNumber}.pdf",
                    CreationElement = DateTime(report.SignedAtUtc),
                },
            ],
        };
        if (currentAnswer is not null)
        {
            resource.Effective = DateTime(currentAnswer.AnsweredAtUtc);
            resource.Conclusion = currentAnswer.MessageToGp.Length > 0 ? $"{currentAnswer.DiagnosisText}. {currentAnswer.MessageToGp}" : currentAnswer.DiagnosisText;
            resource.ConclusionCode = [new CodeableConcept(FhirSystems.Icd10, currentAnswer.DiagnosisCode, currentAnswer.DiagnosisText, currentAnswer.DiagnosisText)];
        }
        return resource;
    }

    /// <summary>A dermatologist's question to the GP, or the GP's reply, as a Communication about the request.</summary>
    public static Communication Communication(CaseMessage message, TeleExpertiseCase @case, TeleDermUser? author, TeleDermUser? gp)
    {
        var fromGp = message.Kind == MessageKind.Reply;
        var communication = new Communication
        {
            Id = message.Id.ToString(),
            Meta = new Meta { LastUpdated = Instant(message.AtUtc) },
            BasedOn = [new ResourceReference($"ServiceRequest/{@case.Id}")],
            Status = EventStatus.Completed,
            Category = [new CodeableConcept { Text = message.Kind switch { MessageKind.Question => "question", MessageKind.Reply => "reply", _ => "note" } }],
            Subject = new ResourceReference($"Patient/{@case.PatientId}"),
            SentElement = DateTime(message.AtUtc),
            Sender = User(author),
            Payload = [new Communication.PayloadComponent { Content = new FhirString(PayloadText(message)) }],
        };
        if (message.Retake is { } retake)
            communication.ReasonCode.Add(new CodeableConcept(FhirSystems.RetakeReason, retake.ToString(), RetakeReasons.English(retake)));
        if (!fromGp && message.Kind == MessageKind.Question)
            communication.Recipient.Add(User(gp));
        return communication;
    }

    /// <summary>The message's text; a coded request for new photos says its reason first (its text may be empty, which FHIR strings may not be).</summary>
    private static string PayloadText(CaseMessage message) => message.Retake is { } retake
        ? $"New photos asked for: {RetakeReasons.English(retake)}" + (message.Body.Length > 0 ? $"\n{message.Body}" : "")
        : message.Body;

    /// <summary>A lesion's body site: SNOMED CT with its laterality post-coordinated, and the GP's description as text.</summary>
    public static CodeableConcept BodySite(Lesion lesion)
    {
        var site = new CodeableConcept(FhirSystems.Snomed, FhirCodes.BodySiteExpression(lesion.BodySiteCode, lesion.Laterality), BodySites.EnglishLabel(lesion.BodySiteCode),
            lesion.Description);
        site.Coding.Add(new Coding(FhirSystems.Lesion, lesion.Id.ToString()));
        return site;
    }

    /// <summary>A TeleDerm user as a Practitioner reference by identifier (TeleDerm does not serve Practitioner resources).</summary>
    private static ResourceReference User(TeleDermUser? user) => new()
    {
        Type = "Practitioner",
        Identifier = user?.UserName is { } name ? new Identifier(FhirSystems.UserName, name) : null,
        Display = user?.DisplayName is { Length: > 0 } display ? display : user?.UserName ?? "TeleDerm user",
    };

    private static DateTimeOffset Instant(DateTime utc) => new(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static FhirDateTime DateTime(DateTime utc) => new(Instant(utc));
}

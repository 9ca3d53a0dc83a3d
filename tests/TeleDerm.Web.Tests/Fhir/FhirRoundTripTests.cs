using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Fhir;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;
using Patient = Hl7.Fhir.Model.Patient;

namespace TeleDerm.Web.Tests.Fhir;

/// <summary>
/// A request in as a transaction Bundle, the answer out as a DiagnosticReport with the signed PDF, the question as a
/// Communication: practice software's whole loop over FHIR, every resource validated against the R4 base profiles.
/// </summary>
public sealed class FhirRoundTripTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private HttpClient Client(string apiKey)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [Fact]
    public async Task A_request_sent_as_a_Bundle_comes_back_as_a_ServiceRequest_then_a_signed_DiagnosticReport_and_its_question()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = Client(apiKey);

        var posted = await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "REQ-0001")));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var response = await FhirBundles.ReadAsync<Bundle>(posted);
        Assert.Equal(Bundle.BundleType.TransactionResponse, response.Type);
        Assert.Equal(5, response.Entry.Count);
        Assert.All(response.Entry, e => Assert.Equal("201 Created", e.Response!.Status));
        var location = response.Entry[1].Response!.Location!;
        Assert.StartsWith("ServiceRequest/", location, StringComparison.Ordinal);
        var caseId = Guid.Parse(location["ServiceRequest/".Length..]);
        FhirValidation.AssertValid(response);

        // What was stored is what was sent: the patient, the urgency ("urgent" in FHIR is TeleDerm's "soon"), the
        // questionnaire, one lesion of the left back with both photos, one dermoscopic.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            var storedCase = await db.Set<TeleExpertiseCase>().Include(c => c.Patient).Include(c => c.Lesions).ThenInclude(l => l.Lesion).SingleAsync(c => c.Id == caseId);
            Assert.Equal(("Lefort", "Claire", new DateOnly(1969, 2, 14), Sex.Female, "169027512345678"),
                (storedCase.Patient!.FamilyName, storedCase.Patient.GivenName, storedCase.Patient.BirthDate, storedCase.Patient.Sex, storedCase.Patient.NationalHealthId));
            Assert.Equal((Urgency.Soon, "Recent change in colour.", 14, Evolution.Growing, true, 2),
                (storedCase.Urgency, storedCase.UrgencyReason, storedCase.Questionnaire.DurationMonths, storedCase.Questionnaire.Evolution, storedCase.Questionnaire.Itch,
                storedCase.Questionnaire.FitzpatrickPhototype));
            var lesion = Assert.Single(storedCase.Lesions).Lesion!;
            Assert.Equal(("77568009", Laterality.Left, "7 mm, several colours"), (lesion.BodySiteCode, lesion.Laterality, lesion.Description));
            var kinds = await db.Set<LesionImage>().Where(i => i.LesionId == lesion.Id).Select(i => i.Kind).OrderBy(k => k).ToListAsync();
            Assert.Equal([ImageKind.Clinical, ImageKind.Dermoscopic], kinds);
        }

        var request = await FhirBundles.ReadAsync<ServiceRequest>(await client.GetAsync($"/fhir/{location}"));
        FhirValidation.AssertValid(request);
        Assert.Equal((RequestStatus.Active, RequestPriority.Urgent), (request.Status, request.Priority));
        Assert.Contains(request.Identifier, i => i.System == FhirBundles.PracticeSystem && i.Value == "REQ-0001");
        Assert.Equal("77568009:272741003=7771000", request.BodySite.Single().Coding[0].Code);
        var patientReference = request.Subject!.Reference!;
        var patient = await FhirBundles.ReadAsync<Patient>(await client.GetAsync($"/fhir/{patientReference}"));
        FhirValidation.AssertValid(patient);
        Assert.Equal("Lefort", patient.Name[0].Family);

        // The dermatologist asks, the GP replies, the dermatologist answers and signs.
        var (dermatologist, _) = await DermatologistClaimsAsync(caseId);
        var cases = app.Services.GetRequiredService<CaseCommands>();
        Assert.True((await cases.AskGpAsync(caseId, dermatologist, "Is it raised when you touch it?")).Succeeded);
        var waiting = await FhirBundles.ReadAsync<ServiceRequest>(await client.GetAsync($"/fhir/{location}"));
        Assert.Equal(RequestStatus.OnHold, waiting.Status);
        var gpActor = new Actor(gp.Id, gp.Email, Roles.GP, null, await PracticeOfAsync(gp.Id), null);
        Assert.True((await cases.ReplyAsync(caseId, gpActor, "Slightly raised, since the summer.")).Succeeded);
        // A coded request for new photos, with no text: its reason is in the Communication.
        Assert.True((await cases.AskGpAsync(caseId, dermatologist, "", RetakeReason.PhotoBlurred)).Succeeded);
        Assert.True((await cases.ReplyAsync(caseId, gpActor, "A sharper one will follow.")).Succeeded);
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist,
            new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "No follow-up needed.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);

        var reports = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync($"/fhir/DiagnosticReport?based-on={location}"));
        FhirValidation.AssertValid(reports);
        var report = Assert.IsType<DiagnosticReport>(Assert.Single(reports.Entry).Resource);
        FhirValidation.AssertValid(report);
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Final, report.Status);
        Assert.Equal((FhirSystems.Icd10, "D22.5"), (report.ConclusionCode[0].Coding[0].System, report.ConclusionCode[0].Coding[0].Code));
        Assert.Equal("Benign melanocytic naevus. No follow-up needed.", report.Conclusion);
        Assert.Equal(location, report.BasedOn[0].Reference);
        var stored = await StoredReportAsync(signed.Report!.Id);
        Assert.Equal(stored.Pdf, report.PresentedForm[0].Data);
        Assert.Equal("application/pdf", report.PresentedForm[0].ContentType);
        Assert.Equal(System.Security.Cryptography.SHA1.HashData(stored.Pdf), report.PresentedForm[0].Hash);
        var read = await FhirBundles.ReadAsync<DiagnosticReport>(await client.GetAsync($"/fhir/DiagnosticReport/{report.Id}"));
        Assert.Equal(stored.Pdf, read.PresentedForm[0].Data);

        var thread = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Communication?based-on={location}"));
        Assert.Equal(["question", "reply", "question", "reply"], thread.Entry.Select(e => ((Communication)e.Resource!).Category[0].Text!).ToArray());
        Assert.Equal("Is it raised when you touch it?", ((FhirString)((Communication)thread.Entry[0].Resource!).Payload[0].Content!).Value);
        var retake = (Communication)thread.Entry[2].Resource!;
        Assert.Equal("New photos asked for: photo blurred", ((FhirString)retake.Payload[0].Content!).Value);
        Assert.Equal((FhirSystems.RetakeReason, "PhotoBlurred"), (retake.ReasonCode[0].Coding[0].System, retake.ReasonCode[0].Coding[0].Code));
        foreach (var entry in thread.Entry)
            FhirValidation.AssertValid(entry.Resource!);
        var answered = await FhirBundles.ReadAsync<ServiceRequest>(await client.GetAsync($"/fhir/{location}"));
        Assert.Equal(RequestStatus.Completed, answered.Status);

        // Every resource served is in the audit trail with its patient.
        var audit = await app.AuditEntriesAsync();
        Assert.Contains(audit, e => e.Action == "fhir.read" && e.RecordType == "Patient" && e.PatientId == patientReference["Patient/".Length..]);
        Assert.Contains(audit, e => e.Action == "report.downloaded" && e.RecordId == report.Id && e.Details!.StartsWith("FHIR", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "fhir.read" && e.RecordType == "Communication");
    }

    [Fact]
    public async Task The_practice_searches_its_requests_by_patient_identifier_and_last_update_page_by_page()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = Client(apiKey);
        var since = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var n in new[] { "A-1", "A-2", "A-3" })
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, n)))).StatusCode);
        var other = await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "B-1", familyName: "Marchand", nationalHealthId: "271017512345678")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        var byIdentifier = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync($"/fhir/ServiceRequest?identifier={FhirBundles.PracticeSystem}|A-2"));
        var a2 = (ServiceRequest)Assert.Single(byIdentifier.Entry).Resource!;
        Assert.Equal("A-2", a2.Identifier[0].Value);

        var ofPatient = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync($"/fhir/ServiceRequest?patient={a2.Subject!.Reference}&_lastUpdated=ge{since}&_count=2"));
        FhirValidation.AssertValid(ofPatient);
        Assert.Equal(3, ofPatient.Total);
        Assert.Equal(2, ofPatient.Entry.Count);
        var next = ofPatient.Link.Single(l => l.Relation == "next").Url!;
        var secondPage = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync(new Uri(next).PathAndQuery));
        var identifiers = ofPatient.Entry.Concat(secondPage.Entry).Select(e => ((ServiceRequest)e.Resource!).Identifier[0].Value!).Order().ToArray();
        Assert.Equal(["A-1", "A-2", "A-3"], identifiers);
        Assert.DoesNotContain(secondPage.Link, l => l.Relation == "next");

        var future = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync($"/fhir/ServiceRequest?_lastUpdated=gt{DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"));
        Assert.Equal(0, future.Total);
        var today = await FhirBundles.ReadAsync<Bundle>(await client.GetAsync($"/fhir/ServiceRequest?_lastUpdated={DateTime.UtcNow:yyyy-MM-dd}"));
        Assert.Equal(4, today.Total);
    }

    [Fact]
    public async Task A_follow_up_photo_names_the_lesion_TeleDerm_gave_and_joins_its_earlier_images()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = Client(apiKey);
        var first = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "FU-1"))));
        var request = await FhirBundles.ReadAsync<ServiceRequest>(await client.GetAsync($"/fhir/{first.Entry[1].Response!.Location}"));
        var lesionId = request.BodySite.Single().Coding.Single(c => c.System == FhirSystems.Lesion).Code!;

        // Three months later: the same patient (by national identifier), one photo of that lesion.
        var followUp = FhirBundles.Request(gp.Email, "FU-2");
        followUp.Entry.RemoveAt(4);
        ((Media)followUp.Entry[3].Resource!).BodySite = new CodeableConcept(FhirSystems.Lesion, lesionId);
        var second = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, followUp)));
        Assert.Equal(first.Entry[0].Response!.Location, second.Entry[0].Response!.Location);

        var again = await FhirBundles.ReadAsync<ServiceRequest>(await client.GetAsync($"/fhir/{second.Entry[1].Response!.Location}"));
        Assert.Equal(lesionId, again.BodySite.Single().Coding.Single(c => c.System == FhirSystems.Lesion).Code);
        await using var scope = app.Services.CreateAsyncScope();
        var images = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<LesionImage>().CountAsync(i => i.LesionId == Guid.Parse(lesionId));
        Assert.Equal(3, images);

        // A lesion id that is not one of this patient's is the intake's refusal, at the photos.
        var wrong = FhirBundles.Request(gp.Email, "FU-3");
        ((Media)wrong.Entry[3].Resource!).BodySite = new CodeableConcept(FhirSystems.Lesion, Guid.NewGuid().ToString());
        var refused = await client.SendAsync(FhirBundles.Post(apiKey, wrong));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    private async Task<(Actor Dermatologist, Guid DepartmentId)> DermatologistClaimsAsync(Guid caseId)
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var department = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId)).DepartmentId;
        var dermatologist = new Actor(account.Id, account.Email, Roles.Dermatologist, department, null, null);
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(caseId, dermatologist)).Succeeded);
        return (dermatologist, department);
    }

    private async Task<Guid> PracticeOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Users.SingleAsync(u => u.Id == userId)).PracticeId!.Value;
    }

    private async Task<SignedReport> StoredReportAsync(Guid reportId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<SignedReport>().AsNoTracking().SingleAsync(r => r.Id == reportId);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Fhir;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace TeleDerm.Web.Tests.Fhir;

/// <summary>
/// What a transaction Bundle cannot do: every mistake is an OperationOutcome naming the element in error, in the
/// caller's language, and nothing is stored; a retry never makes a second request; malformed bytes are refused
/// before anything else, and a Bundle over the size limit before it is read.
/// </summary>
public sealed class FhirIntakeRefusalTests : IDisposable
{
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?> { ["TeleDerm:Fhir:MaxBundleBytes"] = (3 * 1024 * 1024).ToString() });

    public void Dispose() => app.Dispose();

    private async Task<int> CaseCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().CountAsync();
    }

    private static byte[] SmallPhoto => RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg");

    [Fact]
    public async Task Every_mistake_is_reported_at_its_element_in_the_callers_language_and_nothing_is_stored()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var bundle = FhirBundles.Request(gp.Email, "BAD-1");
        var patient = (Hl7.Fhir.Model.Patient)bundle.Entry[0].Resource!;
        patient.Name[0].Family = null;
        patient.BirthDate = "1969";
        ((QuestionnaireResponse)bundle.Entry[2].Resource!).Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = "smoker",
            Answer = [new QuestionnaireResponse.AnswerComponent { Value = new FhirBoolean(true) }] });
        ((Media)bundle.Entry[4].Resource!).BodySite = new CodeableConcept(FhirSystems.Snomed, "77568009:272741003=999");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var response = await client.SendAsync(FhirBundles.Post(apiKey, bundle));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await FhirBundles.ReadAsync<OperationOutcome>(response);
        FhirValidation.AssertValid(outcome);
        var issues = outcome.Issue.ToDictionary(i => i.Expression.Single()!, i => i.Details!.Text!);
        Assert.StartsWith("La date de naissance complète", issues["Bundle.entry[0].resource.birthDate"], StringComparison.Ordinal);
        Assert.StartsWith("Question inconnue « smoker »", issues["Bundle.entry[2].resource.item[5]"], StringComparison.Ordinal);
        Assert.StartsWith("Une latéralité s'écrit", issues["Bundle.entry[4].resource.bodySite"], StringComparison.Ordinal);
        Assert.Equal(0, await CaseCountAsync());

        // The Bundle's own shape right, the intake's rules still apply, at the element they concern.
        var noName = FhirBundles.Request(gp.Email, "BAD-2");
        ((Hl7.Fhir.Model.Patient)noName.Entry[0].Resource!).Name[0].Family = null;
        ((QuestionnaireResponse)noName.Entry[2].Resource!).Item.RemoveAll(i => i.LinkId == "patientConsent");
        var intake = await FhirBundles.ReadAsync<OperationOutcome>(await client.SendAsync(FhirBundles.Post(apiKey, noName)));
        var intakeIssues = intake.Issue.ToDictionary(i => i.Expression.Single()!, i => i.Details!.Text!);
        Assert.Contains("Bundle.entry[0].resource.name[0].family", intakeIssues.Keys);
        Assert.Contains("Bundle.entry[2].resource.item.where(linkId='patientConsent')", intakeIssues.Keys);
        Assert.Equal(0, await CaseCountAsync());
    }

    [Fact]
    public async Task A_retry_of_the_same_Bundle_answers_the_first_request_and_other_content_under_its_identifier_is_refused()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = app.CreateClient();
        var body = FhirJson.ToUtf8(FhirBundles.Request(gp.Email, "RETRY-1"));

        var first = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, body)));
        var retry = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, body)));

        Assert.Equal("201 Created", first.Entry[1].Response!.Status);
        Assert.Equal("200 OK", retry.Entry[1].Response!.Status);
        Assert.Equal(first.Entry[1].Response!.Location, retry.Entry[1].Response!.Location);
        Assert.Equal(1, await CaseCountAsync());

        var changed = FhirBundles.Request(gp.Email, "RETRY-1");
        ((ServiceRequest)changed.Entry[1].Resource!).ReasonCode[0].Text = "Another lesion altogether.";
        var conflict = await client.SendAsync(FhirBundles.Post(apiKey, changed));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var issue = Assert.Single((await FhirBundles.ReadAsync<OperationOutcome>(conflict)).Issue);
        Assert.Equal((OperationOutcome.IssueType.Duplicate, "Bundle.entry[1].resource.identifier"), (issue.Code, issue.Expression.Single()));
        Assert.Equal(1, await CaseCountAsync());

        // ifNoneExist, when given, must be the request's own identifier.
        var mismatched = FhirBundles.Request(gp.Email, "RETRY-2");
        mismatched.Entry[1].Request!.IfNoneExist = "identifier=urn:other|1";
        var refused = await FhirBundles.ReadAsync<OperationOutcome>(await client.SendAsync(FhirBundles.Post(apiKey, mismatched)));
        Assert.Equal("Bundle.entry[1].request.ifNoneExist", refused.Issue.Single().Expression.Single());
    }

    [Fact]
    public async Task A_patient_already_known_by_name_is_confirmed_by_referencing_them_and_another_practices_patient_cannot_be()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = app.CreateClient();
        var first = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "SAME-1"))));
        var patientReference = first.Entry[0].Response!.Location!;

        // Same names and birth date, no national identifier: maybe another person, so TeleDerm asks.
        var again = FhirBundles.Request(gp.Email, "SAME-2");
        ((Hl7.Fhir.Model.Patient)again.Entry[0].Resource!).Identifier.Clear();
        var conflict = await client.SendAsync(FhirBundles.Post(apiKey, again));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var issue = Assert.Single((await FhirBundles.ReadAsync<OperationOutcome>(conflict)).Issue);
        Assert.Contains(patientReference, issue.Details!.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CaseCountAsync());

        var confirmed = WithoutPatientEntry(FhirBundles.Request(gp.Email, "SAME-2"), patientReference);
        var created = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, confirmed)));
        Assert.Equal("201 Created", created.Entry[0].Response!.Status);
        Assert.Equal(2, await CaseCountAsync());

        // Another practice naming this patient by id: not a patient it knows; nothing is told about them.
        var (otherGp, otherKey) = await FhirBundles.AnotherPracticesSoftwareAsync(app.Services);
        var foreign = await client.SendAsync(FhirBundles.Post(otherKey, WithoutPatientEntry(FhirBundles.Request(otherGp.Email, "X-1"), patientReference)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        var foreignIssue = Assert.Single((await FhirBundles.ReadAsync<OperationOutcome>(foreign)).Issue);
        Assert.Equal("Bundle.entry[0].resource.subject", foreignIssue.Expression.Single());
        Assert.DoesNotContain("Lefort", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await CaseCountAsync());
    }

    /// <summary>The request for a patient TeleDerm already has: no Patient entry, the subject "Patient/{id}".</summary>
    private static Bundle WithoutPatientEntry(Bundle bundle, string patientReference)
    {
        bundle.Entry.RemoveAt(0);
        ((ServiceRequest)bundle.Entry[0].Resource!).Subject = new ResourceReference(patientReference);
        foreach (var media in bundle.Entry.Select(e => e.Resource).OfType<Media>())
            media.Subject = null;
        return bundle;
    }

    [Fact]
    public async Task Malformed_bytes_another_content_type_a_batch_and_an_oversized_Bundle_are_refused_before_anything_is_stored()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = app.CreateClient();
        async Task<(HttpStatusCode Status, OperationOutcome Outcome)> PostAsync(byte[] body, string contentType = FhirJson.MediaType)
        {
            var response = await client.SendAsync(FhirBundles.Post(apiKey, body, contentType));
            return (response.StatusCode, await FhirBundles.ReadAsync<OperationOutcome>(response));
        }
        var valid = FhirJson.ToJson(FhirBundles.Request(gp.Email, "M-1"));

        foreach (var broken in new[] { "", "{", "[1,2]", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"gender\":12}}]}",
                     valid.Replace("\"family\":", "\"surname\":", StringComparison.Ordinal), valid.Replace("\"data\":\"", "\"data\":\"@@@", StringComparison.Ordinal),
                     new string('[', 5000) })
        {
            var (status, outcome) = await PostAsync(Encoding.UTF8.GetBytes(broken));
            Assert.True(status == HttpStatusCode.BadRequest, $"{broken[..Math.Min(60, broken.Length)]}: {status}");
            Assert.Equal(OperationOutcome.IssueType.Structure, outcome.Issue[0].Code);
        }
        // The parser's finding names the element it could not read.
        var surname = await PostAsync(Encoding.UTF8.GetBytes(valid.Replace("\"family\":", "\"surname\":", StringComparison.Ordinal)));
        Assert.Contains("surname", surname.Outcome.Issue[0].Details!.Text, StringComparison.Ordinal);
        Assert.StartsWith("Bundle.entry[0].resource.name[0]", surname.Outcome.Issue[0].Expression.Single(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(Encoding.UTF8.GetBytes(valid), "text/plain")).Status);
        var batch = await PostAsync(Encoding.UTF8.GetBytes(valid.Replace("\"type\":\"transaction\"", "\"type\":\"batch\"", StringComparison.Ordinal)));
        Assert.True((HttpStatusCode.UnprocessableEntity, "Bundle.type") == (batch.Status, batch.Outcome.Issue[0].Expression.Single()), FhirJson.ToJson(batch.Outcome));
        var notABundle = await PostAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Patient\",\"gender\":\"female\"}"));
        Assert.True(HttpStatusCode.UnprocessableEntity == notABundle.Status, FhirJson.ToJson(notABundle.Outcome));

        // Over the limit (3 MB here): refused by its declared length, and when streamed without one.
        var large = FhirJson.ToUtf8(FhirBundles.Request(gp.Email, "M-2", photo: new byte[3 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(large)).Status);
        var streamed = FhirBundles.Post(apiKey, large);
        streamed.Content = new StreamContent(new MemoryStream(large));
        streamed.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson.MediaType);
        streamed.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(streamed)).StatusCode);

        // A photo that is not an image: the intake's own decoder refuses it, at that Media's content.
        var notAnImage = FhirBundles.Request(gp.Email, "M-3", photo: Encoding.ASCII.GetBytes("this is not a photo at all"));
        var (photoStatus, photoOutcome) = await PostAsync(FhirJson.ToUtf8(notAnImage));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, photoStatus);
        Assert.Contains(photoOutcome.Issue, i => i.Expression.Single() == "Bundle.entry[3].resource.content");
        Assert.Equal(0, await CaseCountAsync());
    }
}

using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Routing;
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

namespace TeleDerm.Web.Tests.Fhir;

/// <summary>
/// Who reaches what over FHIR: the CapabilityStatement (public) lists exactly the routes served; everything else
/// needs the practice's key, and a key sees nothing of another practice, not even whether it exists. Searches
/// refuse filters they do not know instead of ignoring them.
/// </summary>
public sealed class FhirAccessTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private HttpClient Client(string? apiKey)
    {
        var client = app.CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [Fact]
    public async Task The_CapabilityStatement_is_valid_and_lists_exactly_the_routes_served_and_each_search_parameter_works()
    {
        var statement = await FhirBundles.ReadAsync<CapabilityStatement>(await Client(null).GetAsync("/fhir/metadata"));
        FhirValidation.AssertValid(statement);

        var declared = new HashSet<string> { "GET /fhir/metadata" };
        if (statement.Rest[0].Interaction.Any(i => i.Code == CapabilityStatement.SystemRestfulInteraction.Transaction))
            declared.Add("POST /fhir");
        foreach (var resource in statement.Rest[0].Resource)
        {
            if (resource.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Read))
                declared.Add($"GET /fhir/{resource.Type}/{{id}}");
            if (resource.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.SearchType))
                declared.Add($"GET /fhir/{resource.Type}");
            Assert.True(resource.Interaction.All(i => i.Code is CapabilityStatement.TypeRestfulInteraction.Read or CapabilityStatement.TypeRestfulInteraction.SearchType),
                $"{resource.Type} declares an interaction no route serves");
        }
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/fhir", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        Assert.Equal(declared.Order(), served.Order());

        // Each declared search parameter is honoured (a request that matches it is found), not just accepted.
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = Client(apiKey);
        var posted = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "CAP-1"))));
        var requestRef = posted.Entry[1].Response!.Location!;
        var patientRef = posted.Entry[0].Response!.Location!;
        var values = new Dictionary<string, string>
        {
            ["ServiceRequest.patient"] = patientRef, ["ServiceRequest.identifier"] = $"{FhirBundles.PracticeSystem}|CAP-1",
            ["ServiceRequest._lastUpdated"] = $"ge{DateTime.UtcNow.AddHours(-1):yyyy-MM-dd}", ["ServiceRequest._count"] = "1",
            ["DiagnosticReport.based-on"] = requestRef, ["Communication.based-on"] = requestRef,
        };
        foreach (var resource in statement.Rest[0].Resource)
        {
            foreach (var parameter in resource.SearchParam)
            {
                var key = $"{resource.Type}.{parameter.Name}";
                Assert.True(values.ContainsKey(key), $"no test value for the declared search parameter {key}");
                var response = await client.GetAsync($"/fhir/{resource.Type}?{parameter.Name}={Uri.EscapeDataString(values[key])}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var found = await FhirBundles.ReadAsync<Bundle>(response);
                Assert.True(resource.Type != "ServiceRequest" || found.Total == 1, $"{key} did not find the request");
            }
        }
        var unknown = await client.GetAsync("/fhir/ServiceRequest?patientt=" + patientRef);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("patientt", (await FhirBundles.ReadAsync<OperationOutcome>(unknown)).Issue.Single().Expression.Single());
    }

    [Fact]
    public async Task Without_a_key_with_a_revoked_one_or_from_a_browser_session_nothing_but_the_CapabilityStatement_answers()
    {
        var id = Guid.NewGuid();
        foreach (var url in new[] { "/fhir/ServiceRequest", $"/fhir/ServiceRequest/{id}", $"/fhir/Patient/{id}", $"/fhir/DiagnosticReport?based-on=ServiceRequest/{id}",
                     $"/fhir/Communication/{id}", "/fhir/Observation" })
        {
            var response = await Client(null).GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(OperationOutcome.IssueType.Login, (await FhirBundles.ReadAsync<OperationOutcome>(response)).Issue.Single().Code);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client("tdk_not-a-key").GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(null).PostAsync("/fhir", new StringContent("{}"))).StatusCode);

        // A signed-in GP's browser cookie is not a key.
        var session = app.CreateSession();
        await session.SignInAsync(await TestAccounts.CreateAsync(app.Services, Roles.GP));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/fhir/ServiceRequest")).StatusCode);
    }

    [Fact]
    public async Task Another_practices_key_sees_none_of_its_requests_patients_reports_or_questions_and_cannot_tell_them_from_unknown_ids()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var posted = await FhirBundles.ReadAsync<Bundle>(await Client(apiKey).SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "OWN-1"))));
        var requestRef = posted.Entry[1].Response!.Location!;
        var patientRef = posted.Entry[0].Response!.Location!;
        var caseId = Guid.Parse(requestRef["ServiceRequest/".Length..]);
        var (reportId, messageId) = await AnsweredAfterAQuestionAsync(caseId, gp);

        var (otherGp, otherKey) = await FhirBundles.AnotherPracticesSoftwareAsync(app.Services);
        var other = Client(otherKey);
        foreach (var url in new[] { $"/fhir/{requestRef}", $"/fhir/{patientRef}", $"/fhir/DiagnosticReport/{reportId}", $"/fhir/Communication/{messageId}" })
        {
            var theirs = await other.GetAsync(url);
            var unknown = await other.GetAsync(url[..url.LastIndexOf('/')] + "/" + Guid.NewGuid());
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (theirs.StatusCode, unknown.StatusCode));
            var body = await theirs.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Lefort", body, StringComparison.Ordinal);
            Assert.DoesNotContain("JVBER", body, StringComparison.Ordinal);
        }
        foreach (var search in new[] { $"/fhir/ServiceRequest?patient={patientRef}", $"/fhir/ServiceRequest?identifier={FhirBundles.PracticeSystem}|OWN-1",
                     "/fhir/ServiceRequest", $"/fhir/DiagnosticReport?based-on={requestRef}", $"/fhir/Communication?based-on={requestRef}" })
        {
            var found = await FhirBundles.ReadAsync<Bundle>(await other.GetAsync(search));
            Assert.True(found.Entry.Count == 0 && found.Total == 0, $"{search} showed another practice's records");
        }
        // Nor can another practice's software send a request in the name of this practice's GP, or for its patient.
        var impersonated = await other.SendAsync(FhirBundles.Post(otherKey, FhirBundles.Request(gp.Email, "OWN-2")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, impersonated.StatusCode);
        Assert.Equal("Bundle.entry[1].resource.requester", (await FhirBundles.ReadAsync<OperationOutcome>(impersonated)).Issue.Single().Expression.Single());
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(FhirBundles.Post(otherKey, FhirBundles.Request(otherGp.Email, "THEIRS-1")))).StatusCode);

        // The owner sees them all.
        var own = Client(apiKey);
        foreach (var url in new[] { $"/fhir/{requestRef}", $"/fhir/{patientRef}", $"/fhir/DiagnosticReport/{reportId}", $"/fhir/Communication/{messageId}" })
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync("/fhir/ServiceRequest/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync("/fhir/Observation")).StatusCode);
    }

    [Fact]
    public async Task A_signed_report_changed_at_rest_is_refused_not_served_and_the_refusal_is_audited()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var posted = await FhirBundles.ReadAsync<Bundle>(await Client(apiKey).SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, "TAMPER-1"))));
        var requestRef = posted.Entry[1].Response!.Location!;
        var (reportId, _) = await AnsweredAfterAQuestionAsync(Guid.Parse(requestRef["ServiceRequest/".Length..]), gp);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            var pdf = (await db.Set<SignedReport>().AsNoTracking().SingleAsync(r => r.Id == reportId)).Pdf.ToArray();
            pdf[^10] ^= 0x20;
            await db.Set<SignedReport>().Where(r => r.Id == reportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Pdf, pdf));
        }
        var client = Client(apiKey);

        foreach (var url in new[] { $"/fhir/DiagnosticReport/{reportId}", $"/fhir/DiagnosticReport?based-on={requestRef}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(OperationOutcome.IssueType.Exception, (await FhirBundles.ReadAsync<OperationOutcome>(response)).Issue.Single().Code);
        }
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == "report.downloaded" && e.Outcome == Core.Audit.AuditOutcome.Failure && e.RecordId == reportId.ToString());
    }

    /// <summary>A dermatologist claims the case, asks the GP something and answers with a signed report.</summary>
    private async Task<(Guid ReportId, Guid QuestionId)> AnsweredAfterAQuestionAsync(Guid caseId, TestAccount gp)
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        Guid department, practice;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId);
            (department, practice) = (stored.DepartmentId, stored.PracticeId);
        }
        var dermatologist = new Actor(account.Id, account.Email, Roles.Dermatologist, department, null, null);
        var cases = app.Services.GetRequiredService<CaseCommands>();
        Assert.True((await cases.ClaimAsync(caseId, dermatologist)).Succeeded);
        Assert.True((await cases.AskGpAsync(caseId, dermatologist, "Any bleeding?")).Succeeded);
        Guid questionId;
        await using (var scope = app.Services.CreateAsyncScope())
            questionId = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<CaseMessage>().SingleAsync(m => m.CaseId == caseId && m.Kind == MessageKind.Question)).Id;
        Assert.True((await cases.ReplyAsync(caseId, new Actor(gp.Id, gp.Email, Roles.GP, null, practice, null), "None.")).Succeeded);
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist,
            new AnswerDraft("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, "Benign.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);
        return (signed.Report!.Id, questionId);
    }
}

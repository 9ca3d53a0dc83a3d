using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.IntakeApi;

/// <summary>
/// Report pull by practice software: the signed bytes with their SHA-256 as ETag, the list of reports and addenda,
/// nothing for another practice's key, no key, an unknown request or report, and a stored file that no longer
/// matches its hash is refused, not served.
/// </summary>
public sealed class ReportApiTests : IDisposable
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

    /// <summary>A request sent through the API by a practice's software, claimed by a dermatologist of its department.</summary>
    private async Task<(Guid CaseId, string ApiKey, Actor Dermatologist)> SubmittedThroughTheApiAsync()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        using var response = await Client(null).SendAsync(IntakeApiRequests.Submit(apiKey, Guid.NewGuid().ToString(),
            IntakeApiRequests.Body(IntakeApiRequests.Json(gp.Email).ToJsonString())));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var caseId = Guid.Parse(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var department = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId)).DepartmentId;
        var dermatologist = new Actor(account.Id, account.Email, Roles.Dermatologist, department, null, null);
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(caseId, dermatologist)).Succeeded);
        return (caseId, apiKey, dermatologist);
    }

    private static AnswerDraft Draft(string conclusion) =>
        new("D22.5", "Benign melanocytic naevus", DiagnosticConfidence.High, Management.Reassure, null, conclusion, null, []);

    private async Task<SignedReport> StoredAsync(Guid reportId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<SignedReport>().AsNoTracking().SingleAsync(r => r.Id == reportId);
    }

    private async Task<string> OtherPracticesKeyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var other = new Practice { Id = Guid.NewGuid(), Name = "Cabinet voisin" };
        db.Practices.Add(other);
        await db.SaveChangesAsync();
        var (_, key) = await app.Services.GetRequiredService<PracticeApiKeys>().CreateAsync(await TestAccounts.AdministratorAsync(app.Services), other.Id, "other software");
        return key;
    }

    [Fact]
    public async Task The_practice_pulls_the_signed_bytes_with_their_hash_as_ETag_and_an_unchanged_report_answers_304()
    {
        var (caseId, apiKey, dermatologist) = await SubmittedThroughTheApiAsync();
        var client = Client(apiKey);

        var before = await client.GetAsync($"/api/v1/cases/{caseId}/report");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("NotSignedYet", JsonNode.Parse(await before.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());

        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist, Draft("Benign; no follow-up needed."),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);
        var stored = await StoredAsync(signed.Report!.Id);

        var response = await client.GetAsync($"/api/v1/cases/{caseId}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(stored.Pdf, bytes);
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", response.Headers.ETag!.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{caseId}/report");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == "report.downloaded" && e.RecordId == stored.Id.ToString() && e.UserName!.StartsWith("API key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_addendum_becomes_the_current_report_and_the_list_gives_both_with_their_hashes()
    {
        var (caseId, apiKey, dermatologist) = await SubmittedThroughTheApiAsync();
        var answers = app.Services.GetRequiredService<AnswerCommands>();
        var signer = app.Services.GetRequiredService<CaseReportSigner>();
        var first = await answers.AnswerAndSignAsync(caseId, dermatologist, Draft("Benign; no follow-up needed."), signer);
        Assert.True(first.Succeeded, first.Error);
        var addendum = await answers.AddendumAsync(caseId, dermatologist, Draft("Benign; see again in 6 months if it changes."), signer);
        Assert.True(addendum.Succeeded, addendum.Error);
        var client = Client(apiKey);

        var list = JsonNode.Parse(await client.GetStringAsync($"/api/v1/cases/{caseId}/reports"))!.AsArray();

        Assert.Equal([first.Report!.Id, addendum.Report!.Id], list.Select(r => Guid.Parse(r!["id"]!.GetValue<string>())).ToArray());
        Assert.Equal(first.Report.Id.ToString(), list[1]!["addendumOfReportId"]!.GetValue<string>());
        Assert.Equal(addendum.Report.Sha256, list[1]!["sha256"]!.GetValue<string>());
        var current = await client.GetAsync($"/api/v1/cases/{caseId}/report");
        Assert.Equal($"\"{addendum.Report.Sha256}\"", current.Headers.ETag!.Tag);
        var original = await client.GetAsync(list[0]!["href"]!.GetValue<string>());
        Assert.Equal((await StoredAsync(first.Report.Id)).Pdf, await original.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_practice_no_key_an_unknown_request_or_a_report_of_another_request_get_nothing()
    {
        var (caseId, apiKey, dermatologist) = await SubmittedThroughTheApiAsync();
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist, Draft("Benign."),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);
        var (otherCase, _, _) = await SubmittedThroughTheApiAsync();
        var reportId = signed.Report!.Id;

        var other = Client(await OtherPracticesKeyAsync());
        foreach (var url in new[] { $"/api/v1/cases/{caseId}/report", $"/api/v1/cases/{caseId}/reports", $"/api/v1/cases/{caseId}/reports/{reportId}" })
        {
            var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("CaseNotFound", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
            Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client(null).GetAsync(url)).StatusCode);
        }
        var client = Client(apiKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/report")).StatusCode);
        // A report id of this practice's case, asked for under another of its requests: not that request's report.
        var mixed = await client.GetAsync($"/api/v1/cases/{otherCase}/reports/{reportId}");
        Assert.Equal(HttpStatusCode.NotFound, mixed.StatusCode);
        Assert.Equal("ReportNotFound", JsonNode.Parse(await mixed.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stored_report_that_no_longer_matches_its_hash_is_refused_in_the_callers_language_and_audited()
    {
        var (caseId, apiKey, dermatologist) = await SubmittedThroughTheApiAsync();
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist, Draft("Benign."),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Changed at rest, behind the application's back (reports are insert-only through it).
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            var tampered = (await StoredAsync(signed.Report!.Id)).Pdf.ToArray();
            tampered[^10] ^= 0x20;
            var id = signed.Report.Id;
            Assert.Equal(1, await db.Set<SignedReport>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Pdf, tampered)));
        }
        var client = Client(apiKey);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var response = await client.GetAsync($"/api/v1/cases/{caseId}/report");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ReportIntegrity", problem["code"]!.GetValue<string>());
        Assert.StartsWith($"Le compte rendu {signed.Report.ReportNumber} ne correspond plus", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == "report.downloaded" && e.Outcome == Core.Audit.AuditOutcome.Failure && e.RecordId == signed.Report.Id.ToString());
    }
}

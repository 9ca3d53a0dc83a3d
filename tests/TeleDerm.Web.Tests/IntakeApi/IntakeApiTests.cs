using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Tests.IntakeApi;

public sealed class IntakeApiTests : IDisposable
{
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?> { ["TeleDerm:Intake:MaxPhotos"] = "3" });

    public void Dispose() => app.Dispose();

    private static byte[] Isic(string name) => IntakeApiRequests.Isic(name);

    private sealed record Practice(string Key, string GpEmail, Guid PracticeId);

    private async Task<Practice> PracticeWithKeyAsync(string? practiceName = null)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var practiceId = (await db.Users.SingleAsync(u => u.Id == gp.Id)).PracticeId!.Value;
        if (practiceName is not null)
        {
            // A second practice, with the GP moved to it.
            var practice = new Core.Accounts.Practice { Id = Guid.NewGuid(), Name = practiceName };
            db.Practices.Add(practice);
            (await db.Users.SingleAsync(u => u.Id == gp.Id)).PracticeId = practice.Id;
            await db.SaveChangesAsync();
            practiceId = practice.Id;
        }
        var (_, secret) = await app.Services.GetRequiredService<PracticeApiKeys>().CreateAsync(await TestAccounts.AdministratorAsync(app.Services), practiceId, "practice software");
        return new Practice(secret, gp.Email, practiceId);
    }

    private static JsonObject RequestJson(string gpEmail, params (string Part, string Kind)[] photos) => IntakeApiRequests.Json(gpEmail, photos: photos);

    private static MultipartFormDataContent Body(string json, params (string Part, string FileName, byte[] Bytes)[] files) => IntakeApiRequests.Body(json, files);

    private async Task<HttpResponseMessage> PostAsync(string? key, HttpContent body, string? idempotencyKey = null, string? language = null)
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = body };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    private async Task<int> CasesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<TeleExpertiseCase>().CountAsync();
    }

    private static async Task<JsonObject> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task A_practice_submits_a_case_which_belongs_to_its_GP_and_reads_its_status()
    {
        var practice = await PracticeWithKeyAsync();

        var response = await PostAsync(practice.Key, Body(RequestJson(practice.GpEmail).ToJsonString()), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonOf(response);
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        Assert.Equal($"/api/v1/cases/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("submitted", created["status"]!.GetValue<string>());
        Assert.Matches("^2\\.25\\.", created["lesions"]![0]!["trackingUid"]!.GetValue<string>());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            var @case = await db.Set<TeleExpertiseCase>().Include(c => c.Patient).SingleAsync(c => c.Id == id);
            var gp = await db.Users.SingleAsync(u => u.Email == practice.GpEmail);
            Assert.Equal(gp.Id, @case.SubmittedByUserId);
            Assert.Equal(practice.PracticeId, @case.PracticeId);
            Assert.Equal(Urgency.Soon, @case.Urgency);
            Assert.Equal(Evolution.Growing, @case.Questionnaire.Evolution);
            Assert.Equal("Garnier", @case.Patient!.FamilyName);
            Assert.Equal(1, await db.Set<LesionImage>().CountAsync(i => i.CaseId == id));
        }

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", practice.Key);
        var status = await client.GetAsync($"/api/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var body = await JsonOf(status);
        Assert.Equal(created["reference"]!.GetValue<string>(), body["reference"]!.GetValue<string>());
        Assert.False(body["waitingForGp"]!.GetValue<bool>());
        Assert.Contains(await app.AuditEntriesAsync(), e => e.Action == "case.status-read" && e.RecordId == id.ToString());
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_first_case_and_never_creates_a_second()
    {
        var practice = await PracticeWithKeyAsync();
        var json = RequestJson(practice.GpEmail).ToJsonString();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(practice.Key, Body(json), key);
        var retry = await PostAsync(practice.Key, Body(json), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await JsonOf(first))["id"]!.GetValue<string>(), (await JsonOf(retry))["id"]!.GetValue<string>());
        Assert.Equal(1, await CasesAsync());
    }

    [Fact]
    public async Task Concurrent_duplicates_create_one_case()
    {
        var practice = await PracticeWithKeyAsync();
        var json = RequestJson(practice.GpEmail).ToJsonString();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(practice.Key, Body(json), key)));

        Assert.Equal(1, await CasesAsync());
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        // The others either got the first result or were told it is still running.
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused()
    {
        var practice = await PracticeWithKeyAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(practice.Key, Body(RequestJson(practice.GpEmail).ToJsonString()), key)).StatusCode);
        var other = RequestJson(practice.GpEmail);
        other["reason"] = "Another lesion altogether.";

        var response = await PostAsync(practice.Key, Body(other.ToJsonString()), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("already used for a different request", (await JsonOf(response))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await CasesAsync());
    }

    [Fact]
    public async Task Without_a_key_or_with_a_revoked_one_the_answer_is_401_and_says_why()
    {
        var practice = await PracticeWithKeyAsync();
        var none = await PostAsync(null, Body(RequestJson(practice.GpEmail).ToJsonString()), "k1");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Authorization: Bearer", (await JsonOf(none))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var keys = app.Services.GetRequiredService<PracticeApiKeys>();
        var admin = await TestAccounts.AdministratorAsync(app.Services);
        var row = Assert.Single(await keys.ListAsync(admin));
        Assert.True(await keys.RevokeAsync(admin, row.Id));
        var revoked = await PostAsync(practice.Key, Body(RequestJson(practice.GpEmail).ToJsonString()), "k2");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", (await JsonOf(revoked))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var forged = await PostAsync(practice.Key[..^1] + (practice.Key[^1] == 'A' ? 'B' : 'A'), Body(RequestJson(practice.GpEmail).ToJsonString()), "k3");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task A_practice_cannot_read_another_practices_case()
    {
        var first = await PracticeWithKeyAsync();
        var created = await JsonOf(await PostAsync(first.Key, Body(RequestJson(first.GpEmail).ToJsonString()), "a"));
        var second = await PracticeWithKeyAsync("Other practice");

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second.Key);
        var response = await client.GetAsync($"/api/v1/cases/{created["id"]}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Garnier", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GP_of_another_practice_cannot_be_named_as_the_requester()
    {
        var first = await PracticeWithKeyAsync();
        var second = await PracticeWithKeyAsync("Other practice");

        var response = await PostAsync(first.Key, Body(RequestJson(second.GpEmail).ToJsonString()), "x");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("requestingGp", (await JsonOf(response))["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(0, await CasesAsync());
    }

    public static TheoryData<string, string> MalformedRequests => new()
    {
        { "{ not json", "is not a valid case request" },
        { "[]", "is not a valid case request" },
        { "{\"requestingGp\":\"x\"}", "missing required properties" },
        { "{\"requestingGp\":\"x\",\"patient\":{\"familyName\":\"A\",\"givenName\":\"B\",\"birthDate\":\"1990-01-01\",\"sex\":\"female\"},\"reason\":\"r\",\"urgency\":\"whenever\",\"patientConsent\":true,\"lesions\":[]}", "$.urgency" },
        { "{\"requestingGp\":\"x\",\"patient\":{\"familyName\":\"A\",\"givenName\":\"B\",\"birthDate\":\"1990-01-01\",\"sex\":\"female\"},\"reason\":\"r\",\"urgency\":2,\"patientConsent\":true,\"lesions\":[]}", "$.urgency" },
        { "{\"requestingGp\":\"x\",\"patient\":{\"familyName\":\"A\",\"givenName\":\"B\",\"birthDate\":\"31/12/1990\",\"sex\":\"female\"},\"reason\":\"r\",\"urgency\":\"routine\",\"patientConsent\":true,\"lesions\":[]}", "$.patient.birthDate" },
        { "{\"requestingGp\":\"x\",\"patient\":{\"familyName\":\"A\",\"givenName\":\"B\",\"birthDate\":\"1990-01-01\",\"sex\":\"female\"},\"reason\":\"r\",\"urgency\":\"routine\",\"patientConsent\":true,\"lesions\":[],\"urgencyy\":\"soon\"}", "urgencyy" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task Malformed_JSON_is_refused_with_where_and_what(string json, string expected)
    {
        var practice = await PracticeWithKeyAsync();

        var response = await PostAsync(practice.Key, Body(json), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Contains(expected, problem["title"]!.GetValue<string>() + " " + problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task Photos_and_parts_must_match_and_every_problem_is_reported_at_once()
    {
        var practice = await PracticeWithKeyAsync();
        var json = RequestJson(practice.GpEmail, ("photo1", "dermoscopic"), ("missing", "clinical")).ToJsonString();

        var response = await PostAsync(practice.Key, Body(json, ("photo1", "a.jpg", Isic("ISIC_0000031.jpg")), ("stray", "b.jpg", Isic("ISIC_0000036.jpg"))), "m");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = (await JsonOf(response))["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("lesions[0].photos[1].file", fields);
        Assert.Contains("files.stray", fields);
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task Problems_read_in_the_callers_language_and_carry_codes_software_can_rely_on()
    {
        var practice = await PracticeWithKeyAsync();
        var json = RequestJson(practice.GpEmail, ("photo1", "dermoscopic")).AsObject();
        json["reason"] = "";
        json["requestingGp"] = "nobody@example.org";

        var french = await JsonOf(await PostAsync(practice.Key, Body(json.ToJsonString(), ("photo1", "a.jpg", Isic("ISIC_0000031.jpg"))), "fr-1", "fr-FR,fr;q=0.9"));
        Assert.Equal("La demande comporte des erreurs ; rien n'a été enregistré.", french["title"]!.GetValue<string>());
        Assert.Equal("Invalid", french["code"]!.GetValue<string>());
        var gpError = french["errors"]!.AsArray().Single(e => e!["field"]!.GetValue<string>() == "requestingGp")!;
        Assert.Equal("RequestingGpUnknown", gpError["code"]!.GetValue<string>());
        Assert.Equal("« nobody@example.org » n'est pas un médecin généraliste actif du cabinet de cette clé d'API.", gpError["message"]!.GetValue<string>());

        // The same request in English, and an intake rule of the use case itself (the reason) in both languages.
        json["requestingGp"] = practice.GpEmail;
        var reasonFr = (await JsonOf(await PostAsync(practice.Key, Body(json.ToJsonString(), ("photo1", "a.jpg", Isic("ISIC_0000031.jpg"))), "fr-2", "fr")))["errors"]![0]!;
        var reasonEn = (await JsonOf(await PostAsync(practice.Key, Body(json.ToJsonString(), ("photo1", "a.jpg", Isic("ISIC_0000031.jpg"))), "en-2")))["errors"]![0]!;
        Assert.Equal(reasonEn["code"]!.GetValue<string>(), reasonFr["code"]!.GetValue<string>());
        Assert.NotEqual(reasonEn["message"]!.GetValue<string>(), reasonFr["message"]!.GetValue<string>());
        Assert.Equal(UiTexts.Load(UiTexts.French)[$"IntakeError.{reasonFr["code"]!.GetValue<string>()}"], reasonFr["message"]!.GetValue<string>());

        var unauthorized = await JsonOf(await PostAsync(null, Body(json.ToJsonString()), "fr-3", "fr"));
        Assert.Equal("Une clé d'API est requise.", unauthorized["title"]!.GetValue<string>());
        Assert.Equal("ApiKeyRequired", unauthorized["code"]!.GetValue<string>());
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_named_and_nothing_is_saved_and_the_key_can_be_reused()
    {
        var practice = await PracticeWithKeyAsync();
        var json = RequestJson(practice.GpEmail).ToJsonString();

        var refused = await PostAsync(practice.Key, Body(json, ("photo1", "lesion.jpg", Encoding.UTF8.GetBytes("%PDF-1.7 not a photo"))), "same-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var error = (await JsonOf(refused))["errors"]![0]!;
        Assert.StartsWith("photos[0]", error["field"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("lesion.jpg", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CasesAsync());

        // Corrected and sent again with the same key: accepted.
        var corrected = await PostAsync(practice.Key, Body(json), "same-key");
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task Missing_idempotency_key_or_wrong_content_type_is_refused_clearly()
    {
        var practice = await PracticeWithKeyAsync();

        var noKey = await PostAsync(practice.Key, Body(RequestJson(practice.GpEmail).ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", (await JsonOf(noKey))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var plainJson = await PostAsync(practice.Key, new StringContent(RequestJson(practice.GpEmail).ToJsonString(), Encoding.UTF8, "application/json"), "k");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainJson.StatusCode);
        Assert.Contains("multipart/form-data", (await JsonOf(plainJson))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_operations_the_key_and_the_idempotency_header()
    {
        var response = await app.CreateClient().GetAsync(IntakeApiRegistration.OpenApiPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths");
        Assert.Equal(["/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/{id}/report", "/api/v1/cases/{id}/reports", "/api/v1/cases/{id}/reports/{reportId}"],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        var report = paths.GetProperty("/api/v1/cases/{id}/report").GetProperty("get").GetProperty("responses");
        Assert.True(report.GetProperty("200").GetProperty("content").TryGetProperty("application/pdf", out _));
        Assert.True(report.TryGetProperty("304", out _) && report.TryGetProperty("404", out _));
        var post = paths.GetProperty("/api/v1/cases").GetProperty("post");
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("required").GetBoolean());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(root.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("apiKey", out _));
        // Enums are documented as the strings the API reads.
        var urgency = root.GetProperty("components").GetProperty("schemas").GetProperty("Urgency");
        Assert.Contains(urgency.GetProperty("enum").EnumerateArray(), v => v.GetString() == "urgent");
    }
}

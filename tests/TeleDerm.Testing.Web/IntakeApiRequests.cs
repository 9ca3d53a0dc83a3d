using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.IntakeApi;

namespace TeleDerm.Testing.Web;

/// <summary>Intake API requests as practice software sends them: the JSON part and the photo parts.</summary>
public static class IntakeApiRequests
{
    public static byte[] Isic(string name) => RepoPaths.IsicPhotoBytes(name);

    /// <summary>A new GP of a practice, and an API key of that practice, as its software is given one.</summary>
    public static async Task<(TestAccount Gp, string ApiKey)> PracticeSoftwareAsync(IServiceProvider services)
    {
        var gp = await TestAccounts.CreateAsync(services, Roles.GP);
        await using var db = await services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var practiceId = (await db.Users.SingleAsync(u => u.Id == gp.Id)).PracticeId!.Value;
        var (_, key) = await services.GetRequiredService<PracticeApiKeys>().CreateAsync(await TestAccounts.AdministratorAsync(services), practiceId, "practice software");
        return (gp, key);
    }

    /// <summary>POST /api/v1/cases with the practice's key and an Idempotency-Key.</summary>
    public static HttpRequestMessage Submit(string apiKey, string idempotencyKey, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, idempotencyKey);
        return request;
    }

    public static JsonObject Patient(string familyName = "Garnier", string givenName = "Paul", string birthDate = "1958-11-02", string? nationalHealthId = "158117512345678") => new()
    {
        ["familyName"] = familyName, ["givenName"] = givenName, ["birthDate"] = birthDate, ["sex"] = "male", ["nationalHealthId"] = nationalHealthId,
    };

    /// <summary>A complete request of one lesion; <paramref name="existingLesionId"/> makes it a follow-up of a known lesion.</summary>
    public static JsonObject Json(string gpEmail, JsonObject? patient = null, Guid? existingLesionId = null, params (string Part, string Kind)[] photos)
    {
        var lesion = new JsonObject
        {
            ["bodySiteCode"] = "77568009", ["laterality"] = "left", ["description"] = "7 mm, several colours",
            ["photos"] = new JsonArray([.. (photos.Length > 0 ? photos : [("photo1", "dermoscopic")]).Select(p => (JsonNode)new JsonObject { ["file"] = p.Part, ["kind"] = p.Kind })]),
        };
        if (existingLesionId is { } id)
        {
            lesion["existingLesionId"] = id.ToString();
        }
        return new JsonObject
        {
            ["requestingGp"] = gpEmail,
            ["patient"] = patient?.DeepClone() ?? Patient(),
            ["reason"] = "Pigmented lesion of the back, changed this year.",
            ["questionnaire"] = new JsonObject { ["durationMonths"] = 14, ["evolution"] = "growing", ["itch"] = true, ["fitzpatrickPhototype"] = 2 },
            ["urgency"] = "soon",
            ["urgencyReason"] = "Recent change in colour.",
            ["patientConsent"] = true,
            ["lesions"] = new JsonArray(lesion),
        };
    }

    /// <summary>The multipart body; without files, one dermoscopic photo from the shared ISIC images as "photo1".</summary>
    public static MultipartFormDataContent Body(string json, params (string Part, string FileName, byte[] Bytes)[] files)
    {
        var body = new MultipartFormDataContent { { new StringContent(json, Encoding.UTF8, "application/json"), IntakeApiEndpoints.RequestPart } };
        foreach (var (part, fileName, bytes) in files.Length > 0 ? files : [("photo1", "lesion.jpg", Isic("ISIC_0000031.jpg"))])
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Add(content, part, fileName);
        }
        return body;
    }
}

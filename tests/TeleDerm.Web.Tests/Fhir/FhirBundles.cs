using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Data;
using Task = System.Threading.Tasks.Task;
using TeleDerm.Fhir;
using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Fhir;

/// <summary>Transaction Bundles as practice software sends them: a Patient, a ServiceRequest, the questionnaire, one Media per photo.</summary>
internal static class FhirBundles
{
    internal const string PracticeSystem = "urn:oid:1.2.250.1.999.1.1";

    /// <summary>A complete request: one lesion of the left back, photographed twice (a dermoscopic and a clinical photo).</summary>
    internal static Bundle Request(string gpUserName, string identifier, byte[]? photo = null, string familyName = "Lefort", string nationalHealthId = "169027512345678")
    {
        photo ??= RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg");
        var patient = new Patient
        {
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = familyName, Given = ["Claire"] }],
            Gender = AdministrativeGender.Female,
            BirthDate = "1969-02-14",
            Identifier = [new Identifier("urn:oid:1.2.250.1.213.1.4.8", nationalHealthId)],
        };
        var request = new ServiceRequest
        {
            Identifier = [new Identifier(PracticeSystem, identifier)],
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Priority = RequestPriority.Urgent,
            Subject = new ResourceReference("urn:uuid:5d1c7c1e-0000-4000-8000-000000000001"),
            Requester = new ResourceReference { Identifier = new Identifier(FhirSystems.UserName, gpUserName) },
            ReasonCode = [new CodeableConcept { Text = "Pigmented lesion of the back, changed this year." }],
            Note = [new Annotation { Text = new Markdown("Recent change in colour.") }],
        };
        var questionnaire = new QuestionnaireResponse
        {
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Item =
            [
                Item("durationMonths", new Integer(14)),
                Item("evolution", new Coding(FhirSystems.Evolution, "growing")),
                Item("itch", new FhirBoolean(true)),
                Item("fitzpatrickPhototype", new Integer(2)),
                Item("patientConsent", new FhirBoolean(true)),
            ],
        };
        return new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                Entry("urn:uuid:5d1c7c1e-0000-4000-8000-000000000001", patient),
                Entry("urn:uuid:5d1c7c1e-0000-4000-8000-000000000002", request, $"identifier={PracticeSystem}|{identifier}"),
                Entry("urn:uuid:5d1c7c1e-0000-4000-8000-000000000003", questionnaire),
                Entry("urn:uuid:5d1c7c1e-0000-4000-8000-000000000004", Photo(photo, "DMS")),
                Entry("urn:uuid:5d1c7c1e-0000-4000-8000-000000000005", Photo(photo, "XC")),
            ],
        };
    }

    internal static Media Photo(byte[] bytes, string modality, string bodySite = "77568009:272741003=7771000", string description = "7 mm, several colours") => new()
    {
        Status = EventStatus.Completed,
        Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/media-type", "image"),
        Modality = new CodeableConcept(FhirSystems.DicomModality, modality),
        Subject = new ResourceReference("urn:uuid:5d1c7c1e-0000-4000-8000-000000000001"),
        BodySite = new CodeableConcept(FhirSystems.Snomed, bodySite, null, description),
        Content = new Attachment { ContentType = "image/jpeg", Data = bytes, Title = "lesion.jpg" },
    };

    internal static Bundle.EntryComponent Entry(string fullUrl, Resource resource, string? ifNoneExist = null) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName, IfNoneExist = ifNoneExist },
    };

    private static QuestionnaireResponse.ItemComponent Item(string linkId, DataType value) =>
        new() { LinkId = linkId, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }] };

    /// <summary>A GP of a practice of their own (not the tests' shared one) and that practice's API key.</summary>
    internal static async Task<(TestAccount Gp, string ApiKey)> AnotherPracticesSoftwareAsync(IServiceProvider services)
    {
        var gp = await TestAccounts.CreateAsync(services, Roles.GP);
        var practice = new Practice { Id = Guid.NewGuid(), Name = "Cabinet voisin " + gp.Id[..8] };
        await using (var db = await services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync())
        {
            db.Practices.Add(practice);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == gp.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PracticeId, practice.Id));
        }
        var (_, key) = await services.GetRequiredService<PracticeApiKeys>().CreateAsync(await TestAccounts.AdministratorAsync(services), practice.Id, "other software");
        return (gp, key);
    }

    internal static HttpRequestMessage Post(string apiKey, Bundle bundle) => Post(apiKey, FhirJson.ToUtf8(bundle));

    internal static HttpRequestMessage Post(string apiKey, byte[] body, string contentType = FhirJson.MediaType)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/fhir") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return message;
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        var text = await response.Content.ReadAsStringAsync();
        var (resource, errors) = FhirJson.Parse(Encoding.UTF8.GetBytes(text));
        Assert.True(resource is T, $"expected a {typeof(T).Name}, got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]} {string.Join(";", errors)}");
        return (T)resource!;
    }
}

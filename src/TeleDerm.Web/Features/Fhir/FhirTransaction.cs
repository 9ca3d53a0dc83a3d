using System.Security.Claims;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Intake;
using TeleDerm.Fhir;
using TeleDerm.Fhir.Intake;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Features.IntakeApi;
using CasePatient = TeleDerm.Core.Cases.Patient;

namespace TeleDerm.Web.Features.Fhir;

/// <summary>
/// <c>POST /fhir</c>: a new tele-expertise request as a transaction Bundle. The same intake use case, validation,
/// patient matching and idempotency as the REST API and the page: the ServiceRequest's identifier is the
/// idempotency key (a retry with the same bytes answers the first result; other content under the same identifier is
/// refused). All or nothing, as a FHIR transaction: any error and nothing is stored.
/// </summary>
public sealed class FhirTransaction(
    IntakeService intake, IDbContextFactory<TeleDermDbContext> dbFactory, IServiceScopeFactory scopes, IOptions<IntakeOptions> limits,
    IOptions<FhirOptions> fhirOptions, TimeProvider clock, FhirResults results, ApiProblems problems)
{
    // A Bundle is read into memory (photos in base64): two at a time bound the memory one practice's software can take.
    private readonly SemaphoreSlim reading = new(2);

    public async Task<IResult> SubmitAsync(HttpContext http)
    {
        var practiceId = IntakeApiEndpoints.PracticeOf(http.User);
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (FhirJson.MediaType or "application/json"))
            return results.Problem(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "FhirNotJson");

        await reading.WaitAsync(http.RequestAborted);
        try
        {
            var body = await ReadBodyAsync(http);
            if (body is null)
                return results.Problem(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, "FhirTooLarge", null, MaxBundleMegabytes);
            var (resource, parseErrors) = FhirJson.Parse(body);
            if (resource is null)
                return results.Issues(StatusCodes.Status400BadRequest,
                    parseErrors.Select(e => new FhirIssue(ParsedElement(e), OperationOutcome.IssueType.Structure, "NotReadable", e, e)));
            var (read, issues) = FhirIntakeBundle.Read(resource, fhirOptions.Value.NationalHealthIdSystem);
            if (read is null)
                return results.Issues(StatusCodes.Status422UnprocessableEntity, issues);
            return await SubmitAsync(http, practiceId, (Bundle)resource, read, Convert.ToHexStringLower(SHA256.HashData(body)));
        }
        finally
        {
            reading.Release();
        }
    }

    private async Task<IResult> SubmitAsync(HttpContext http, Guid practiceId, Bundle bundle, FhirIntakeRequest read, string hash)
    {
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        var errors = new List<ApiFieldError>();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
        var gp = await IntakeApiTranslation.FindGpAsync(users, read.RequestingGp, practiceId, errors, problems);
        var departmentId = await IntakeApiTranslation.FindDepartmentAsync(db, read.Department, errors, problems);
        var request = read.Request;
        if (read.ExistingPatientId is { } patientId)
        {
            // "Patient/{id}": one of this practice's patients, taken as they are recorded (another practice's is unknown here).
            var known = await db.Set<CasePatient>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId && p.PracticeId == practiceId, http.RequestAborted);
            if (known is null)
                errors.Add(problems.Field("patient", "FhirPatientUnknown", patientId));
            else
                request = request with { Patient = new PatientInput(known.FamilyName, known.GivenName, known.BirthDate, known.Sex, known.NationalHealthId, known.Phone, known.Email) };
        }
        if (errors.Count > 0)
            return results.Fields(errors, read.Locations);

        var key = PracticeFhirRecords.SubmissionKey(read.Identifier);
        var claim = await SubmissionKeys.ClaimAsync(db, practiceId, key, hash, clock, limits.Value.AbandonedSubmissionAfter);
        switch (claim.Outcome)
        {
            case KeyClaimOutcome.Replay:
                return await ResponseAsync(db, bundle, claim.CaseId!.Value, created: false);
            case KeyClaimOutcome.Reused:
                return results.Problem(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Duplicate, "FhirIdentifierReused",
                    $"Bundle.entry[{bundle.Entry.FindIndex(e => e.Resource is ServiceRequest)}].resource.identifier", read.Identifier);
            case KeyClaimOutcome.Released:
                return results.Problem(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Transient, "IdempotencyKeyReleased");
            case KeyClaimOutcome.Pending:
                http.Response.Headers.RetryAfter = "2";
                return results.Problem(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Transient, "IdempotencyKeyPending");
        }
        try
        {
            var actor = new Actor(gp!.Id, $"{gp.UserName} (API key {http.User.FindFirstValue(PracticeApiKeyAuthentication.KeyPrefixClaim)}, FHIR)", Roles.GP, null,
                practiceId, http.Connection.RemoteIpAddress?.ToString());
            var result = await intake.SubmitAsync(request, actor, departmentId, http.RequestAborted, new SubmissionKey(practiceId, key));
            if (result.Succeeded)
                return await ResponseAsync(db, bundle, result.CaseId!.Value, created: true);
            await SubmissionKeys.ReleaseAsync(db, practiceId, key);
            if (result.NeedsConfirmation is { } match)
                return results.Problem(StatusCodes.Status409Conflict, OperationOutcome.IssueType.BusinessRule, "FhirSamePatient", read.Locations.ExpressionOf("patient"),
                    $"Patient/{match.PatientId}");
            if (result.Errors.Any(e => e.Code == IntakeService.PatientRegisteredMeanwhile))
            {
                http.Response.Headers.RetryAfter = "1";
                return results.Problem(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Transient, IntakeService.PatientRegisteredMeanwhile);
            }
            if (result.Errors.Any(e => e.Code == PhotoStoreFullException.Code))
            {
                http.Response.Headers.RetryAfter = "600";
                return results.Problem(StatusCodes.Status507InsufficientStorage, OperationOutcome.IssueType.Transient, PhotoStoreFullException.Code);
            }
            return results.Intake(result.Errors, read.Locations);
        }
        catch
        {
            await SubmissionKeys.ReleaseAsync(db, practiceId, key);
            throw;
        }
    }

    /// <summary>
    /// The transaction-response: one entry per entry sent, in order. The ServiceRequest and the Patient say where to read
    /// them; the questionnaire and the photos are kept with the request (photos in the DICOM store), not as resources.
    /// </summary>
    private static async Task<IResult> ResponseAsync(TeleDermDbContext db, Bundle sent, Guid caseId, bool created)
    {
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        var status = created ? "201 Created" : "200 OK";
        var response = new Bundle
        {
            Type = Bundle.BundleType.TransactionResponse,
            Entry = [.. sent.Entry.Select(e => new Bundle.EntryComponent
            {
                Response = new Bundle.ResponseComponent
                {
                    Status = status,
                    Location = e.Resource switch
                    {
                        ServiceRequest => $"ServiceRequest/{@case.Id}",
                        Hl7.Fhir.Model.Patient => $"Patient/{@case.PatientId}",
                        _ => null,
                    },
                    LastModified = new DateTimeOffset(DateTime.SpecifyKind(@case.LastActivityAtUtc, DateTimeKind.Utc)),
                },
            })],
        };
        return FhirResults.Resource(response, StatusCodes.Status200OK);
    }

    /// <summary>The element a parser's finding names ("... At Bundle.entry[0].resource.gender, line 1, position 80."), or the Bundle.</summary>
    private static string ParsedElement(string finding) =>
        System.Text.RegularExpressions.Regex.Match(finding, @" At ([A-Z][A-Za-z]*(\.[A-Za-z0-9_\[\]]+)*), line ") is { Success: true } match ? match.Groups[1].Value : "Bundle";

    private long MaxBundleBytes => fhirOptions.Value.MaxBundleBytes;

    private long MaxBundleMegabytes => MaxBundleBytes / (1024 * 1024);

    /// <summary>The body, or null when it is larger than a Bundle may be (refused before it is read when it says so).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBundleBytes)
            return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
            maxBody.MaxRequestBodySize = MaxBundleBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + n > MaxBundleBytes)
                    return null;
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }
}

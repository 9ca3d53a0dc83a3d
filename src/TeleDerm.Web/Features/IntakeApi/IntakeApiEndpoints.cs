using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.Intake;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>
/// The intake API for practice software: <c>POST /api/v1/cases</c> (multipart: a "request" JSON part and one
/// part per photo) and <c>GET /api/v1/cases/{id}</c> (status). Errors are RFC 9457 problem documents; field
/// errors list every problem at once, with the JSON path of the field or the name of the file part.
/// </summary>
public static class IntakeApiEndpoints
{
    public const string RequestPart = "request";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.PracticeApi).DisableAntiforgery().WithTags("Intake");
        api.MapPost("/cases", SubmitAsync)
            .WithName("SubmitCase")
            .WithSummary("Submit a tele-expertise request")
            .WithDescription("multipart/form-data: a part named \"request\" holding the JSON request (ApiCaseRequest), and one part per photo whose name the request's lesions[].photos[].file gives. "
                + "Photos are JPEG, PNG, HEIC or DICOM files. The Idempotency-Key header is required: a retry with the same key and content returns the first result and never creates a second case.")
            // The multipart body is described by IntakeApiRegistration's operation transformer: Accepts() would
            // turn the content type into a routing constraint, and other content types would miss this endpoint.
            .Produces<ApiCaseCreated>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/cases/{id:guid}", StatusAsync)
            .WithName("GetCaseStatus")
            .WithSummary("The status of a request submitted by this practice")
            .Produces<ApiCaseStatus>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, IntakeService intake, IDbContextFactory<TeleDermDbContext> dbFactory,
        UserManager<TeleDermUser> users, IOptions<IntakeOptions> limits, TimeProvider clock, ApiProblems problems)
    {
        var practiceId = PracticeOf(http.User);
        var idempotencyKey = http.Request.Headers[IdempotencyHeader].ToString();
        if (idempotencyKey.Length is 0 or > 100 || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            return problems.Problem(StatusCodes.Status400BadRequest, "IdempotencyKeyMissing");
        }
        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return problems.Problem(StatusCodes.Status415UnsupportedMediaType, "NotMultipart", RequestPart);
        }

        var form = await ReadFormAsync(http, limits.Value, problems);
        if (form.Problem is not null)
        {
            return form.Problem;
        }
        var (json, problem) = await ReadRequestJsonAsync(form.Form!, problems);
        if (problem is not null)
        {
            return problem;
        }
        ApiCaseRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ApiCaseRequest>(json, IntakeApiJson.Options);
        }
        catch (JsonException ex)
        {
            return problems.ProblemWithDetail(StatusCodes.Status400BadRequest, "RequestNotValid", $"{ex.Path ?? "$"}: {FirstSentence(ex.Message)}", RequestPart);
        }
        if (request is null)
        {
            return problems.Problem(StatusCodes.Status400BadRequest, "RequestEmpty", RequestPart);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var errors = new List<ApiFieldError>();
        var gp = await FindGpAsync(users, request.RequestingGp, practiceId, errors, problems);
        var departmentId = await FindDepartmentAsync(db, request.Department, errors, problems);
        var parts = MatchFiles(request, form.Form!, errors, problems);
        if (errors.Count > 0)
        {
            return problems.Invalid(errors);
        }
        // Each part is read once: its bytes serve the idempotency hash and the request.
        var files = parts.ToDictionary(p => p.Key, p => new PhotoInput(p.Value.FileName, default, ReadAll(p.Value)));

        var hash = RequestHash(json, files);
        var replay = await ClaimKeyAsync(db, practiceId, idempotencyKey, hash, clock, problems);
        if (replay is not null)
        {
            return replay;
        }
        try
        {
            var actor = new CaseActor(gp!.Id, $"{gp.UserName} (API key {KeyPrefix(http.User)})", Roles.GP, null, http.Connection.RemoteIpAddress?.ToString());
            var result = await intake.SubmitAsync(ToIntakeRequest(request, files), new CaseActorWithPractice(actor, practiceId, departmentId), http.RequestAborted);
            if (!result.Succeeded)
            {
                await ReleaseKeyAsync(db, practiceId, idempotencyKey);
                return result.NeedsConfirmation is not null
                    ? problems.Problem(StatusCodes.Status409Conflict, "SamePatient")
                    : problems.Invalid([.. result.Errors.Select(problems.Field)]);
            }
            await db.Set<IdempotentSubmission>().Where(s => s.PracticeId == practiceId && s.Key == idempotencyKey)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CaseId, result.CaseId));
            var created = await CreatedAsync(db, result.CaseId!.Value);
            return Results.Created(created.StatusUrl, created);
        }
        catch
        {
            await ReleaseKeyAsync(db, practiceId, idempotencyKey);
            throw;
        }
    }

    private static async Task<IResult> StatusAsync(Guid id, HttpContext http, IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit,
        ApiProblems problems)
    {
        var practiceId = PracticeOf(http.User);
        await using var db = await dbFactory.CreateDbContextAsync();
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.PracticeId == practiceId && c.Status != CaseStatus.Draft);
        if (@case is null)
        {
            return problems.Problem(StatusCodes.Status404NotFound, "CaseNotFound");
        }
        await audit.AppendAsync(new AuditEvent(AuditActions.CaseStatusReadByApi, AuditOutcome.Success, http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.Identity?.Name,
            "case", @case.Id.ToString(), @case.PatientId.ToString(), http.Connection.RemoteIpAddress?.ToString()));
        return Results.Ok(new ApiCaseStatus(@case.Id, @case.Reference, @case.Status, @case.Urgency, @case.SubmittedAtUtc, @case.ClaimedAtUtc,
            @case.FirstResponseAtUtc, @case.AnsweredAtUtc, @case.ClosedAtUtc, @case.LastActivityAtUtc, @case.Status == CaseStatus.WaitingForGp, $"/cases/{@case.Id}"));
    }

    private sealed record FormRead(IFormCollection? Form, IResult? Problem);

    /// <summary>
    /// Reads the multipart body within what the API advertises (every photo at its size limit, plus the JSON): a
    /// larger body is refused with 413 before it is read, whether it declares its length or streams past the limit.
    /// </summary>
    private static async Task<FormRead> ReadFormAsync(HttpContext http, IntakeOptions limits, ApiProblems problems)
    {
        var bodyLimit = limits.MaxRequestBodyBytes;
        var tooLarge = problems.Problem(StatusCodes.Status413PayloadTooLarge, "TooLarge",
            limits.MaxPhotos, limits.MaxPhotoBytes / (1024 * 1024), bodyLimit / (1024 * 1024));
        if (http.Request.ContentLength > bodyLimit)
        {
            return new(null, tooLarge);
        }
        // Kestrel's own default (30 MB) is below one request at the advertised limits: this endpoint sets its own.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = bodyLimit;
        }
        try
        {
            var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit, ValueLengthLimit = 1024 * 1024, ValueCountLimit = limits.MaxPhotos + 10 }, http.RequestAborted);
            return new(form, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, tooLarge);
        }
        catch (InvalidDataException ex) when (ex.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal))
        {
            return new(null, tooLarge);
        }
        catch (InvalidDataException ex)
        {
            return new(null, problems.ProblemWithDetail(StatusCodes.Status400BadRequest, "MultipartUnreadable", ex.Message));
        }
        catch (IOException ex)
        {
            return new(null, problems.ProblemWithDetail(StatusCodes.Status400BadRequest, "MultipartUnreadable", ex.Message));
        }
    }

    private static async Task<(byte[] Json, IResult? Problem)> ReadRequestJsonAsync(IFormCollection form, ApiProblems problems)
    {
        if (form.Files.GetFile(RequestPart) is { } part)
        {
            using var buffer = new MemoryStream();
            await using var stream = part.OpenReadStream();
            await stream.CopyToAsync(buffer);
            return (buffer.ToArray(), null);
        }
        if (form.TryGetValue(RequestPart, out var value) && value.Count == 1)
        {
            return (Encoding.UTF8.GetBytes(value.ToString()), null);
        }
        return ([], problems.Problem(StatusCodes.Status400BadRequest, "RequestPartMissing", RequestPart));
    }

    private static async Task<TeleDermUser?> FindGpAsync(UserManager<TeleDermUser> users, string? name, Guid practiceId, List<ApiFieldError> errors,
        ApiProblems problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(problems.Field("requestingGp", "RequestingGpMissing"));
            return null;
        }
        var gp = await users.FindByNameAsync(name.Trim()) ?? await users.FindByEmailAsync(name.Trim());
        if (gp is null || gp.IsDisabled || gp.PracticeId != practiceId || !await users.IsInRoleAsync(gp, Roles.GP))
        {
            errors.Add(problems.Field("requestingGp", "RequestingGpUnknown", name.Trim()));
            return null;
        }
        return gp;
    }

    private static async Task<Guid> FindDepartmentAsync(TeleDermDbContext db, string? name, List<ApiFieldError> errors, ApiProblems problems)
    {
        var departments = await db.Departments.AsNoTracking().ToListAsync();
        if (string.IsNullOrWhiteSpace(name))
        {
            if (departments.Count == 1)
            {
                return departments[0].Id;
            }
            errors.Add(problems.Field("department", "DepartmentMissing", string.Join(", ", departments.Select(d => d.Name).Order())));
            return Guid.Empty;
        }
        var match = departments.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(problems.Field("department", "DepartmentUnknown", name.Trim()));
            return Guid.Empty;
        }
        return match.Id;
    }

    /// <summary>Every photo names a part that exists; every part other than the request is used by exactly one photo.</summary>
    private static Dictionary<string, IFormFile> MatchFiles(ApiCaseRequest request, IFormCollection form, List<ApiFieldError> errors, ApiProblems problems)
    {
        var parts = form.Files.Where(f => f.Name != RequestPart).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var duplicate in parts.Where(p => p.Value.Count > 1))
        {
            errors.Add(problems.Field($"files.{duplicate.Key}", "PartDuplicate", duplicate.Value.Count, duplicate.Key));
        }
        var used = new HashSet<string>();
        var lesions = request.Lesions ?? [];
        for (var i = 0; i < lesions.Count; i++)
        {
            var photos = lesions[i].Photos ?? [];
            for (var j = 0; j < photos.Count; j++)
            {
                var file = photos[j].File;
                if (!parts.ContainsKey(file))
                {
                    errors.Add(problems.Field($"lesions[{i}].photos[{j}].file", "PartMissing", file));
                }
                else if (!used.Add(file))
                {
                    errors.Add(problems.Field($"lesions[{i}].photos[{j}].file", "PartReused", file));
                }
            }
        }
        foreach (var unused in parts.Keys.Where(k => !used.Contains(k)).Order())
        {
            errors.Add(problems.Field($"files.{unused}", "PartUnused", unused));
        }
        return parts.Where(p => p.Value.Count == 1).ToDictionary(p => p.Key, p => p.Value[0]);
    }

    private static IntakeRequest ToIntakeRequest(ApiCaseRequest request, Dictionary<string, PhotoInput> files)
    {
        var q = request.Questionnaire ?? new ApiQuestionnaire();
        return new IntakeRequest(
            new PatientInput(request.Patient.FamilyName, request.Patient.GivenName, request.Patient.BirthDate, request.Patient.Sex,
                request.Patient.NationalHealthId, request.Patient.Phone, request.Patient.Email),
            request.Reason,
            new Questionnaire
            {
                DurationMonths = q.DurationMonths, Evolution = q.Evolution, EvolutionDetails = q.EvolutionDetails, Itch = q.Itch, Bleeding = q.Bleeding,
                Pain = q.Pain, Ulceration = q.Ulceration, TreatmentsTried = q.TreatmentsTried, PersonalHistoryOfSkinCancer = q.PersonalHistoryOfSkinCancer,
                FamilyHistoryOfMelanoma = q.FamilyHistoryOfMelanoma, FitzpatrickPhototype = q.FitzpatrickPhototype, Immunosuppressed = q.Immunosuppressed,
            },
            request.Urgency, request.UrgencyReason, request.PatientConsent,
            [.. request.Lesions.Select(l => new LesionInput(l.BodySiteCode ?? "", l.Laterality, l.Description,
                [.. l.Photos.Select(p => files[p.File] with { Kind = p.Kind })], l.ExistingLesionId))],
            SamePatientConfirmed: request.Patient.ConfirmSamePatient,
            ReidentifyDicomFiles: request.ReidentifyDicomFiles);
    }

    /// <summary>
    /// Remembers the key before doing the work. Null: go ahead. Otherwise the answer to give: the first
    /// result (a retry), "still running" (a concurrent duplicate), or a refusal (same key, other content).
    /// </summary>
    private static async Task<IResult?> ClaimKeyAsync(TeleDermDbContext db, Guid practiceId, string key, string hash, TimeProvider clock,
        ApiProblems problems)
    {
        db.Add(new IdempotentSubmission { PracticeId = practiceId, Key = key, RequestHash = hash, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var first = await db.Set<IdempotentSubmission>().AsNoTracking().SingleOrDefaultAsync(s => s.PracticeId == practiceId && s.Key == key);
        if (first is null)
        {
            // The first attempt failed and released the key in between: this one may try again.
            return problems.Problem(StatusCodes.Status409Conflict, "IdempotencyKeyReleased");
        }
        if (first.RequestHash != hash)
        {
            return problems.Problem(StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused");
        }
        if (first.CaseId is not { } caseId)
        {
            return problems.RetryLater(StatusCodes.Status409Conflict, "IdempotencyKeyPending", retryAfterSeconds: 2);
        }
        var created = await CreatedAsync(db, caseId);
        return Results.Created(created.StatusUrl, created);
    }

    private static Task ReleaseKeyAsync(TeleDermDbContext db, Guid practiceId, string key) =>
        db.Set<IdempotentSubmission>().Where(s => s.PracticeId == practiceId && s.Key == key && s.CaseId == null).ExecuteDeleteAsync();

    private static async Task<ApiCaseCreated> CreatedAsync(TeleDermDbContext db, Guid caseId)
    {
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Lesions).ThenInclude(l => l.Lesion).SingleAsync(c => c.Id == caseId);
        return new ApiCaseCreated(@case.Id, @case.Reference, @case.Status, $"/api/v1/cases/{@case.Id}",
            [.. @case.Lesions.Select(l => new ApiCreatedLesion(l.LesionId, l.Lesion!.BodySiteCode, l.Lesion.TrackingUid))]);
    }

    /// <summary>SHA-256 over the JSON and every file part (by name), so a retry is recognised and a different request with the same key is not.</summary>
    private static string RequestHash(byte[] json, Dictionary<string, PhotoInput> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(json);
        foreach (var (name, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{name}\n{file.Bytes.Length}\n"));
            hash.AppendData(file.Bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] ReadAll(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static Guid PracticeOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TeleDermClaims.PracticeId)!);

    private static string KeyPrefix(ClaimsPrincipal user) => user.FindFirstValue(PracticeApiKeyAuthentication.KeyPrefixClaim) ?? "?";

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];
}

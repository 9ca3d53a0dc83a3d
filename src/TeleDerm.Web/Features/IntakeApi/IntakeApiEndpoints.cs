using System.Security.Claims;
using System.Text.Json;
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
using TeleDerm.Core.Intake;

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
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
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

        var form = await IntakeApiForm.ReadFormAsync(http, limits.Value, problems);
        if (form.Problem is not null)
        {
            return form.Problem;
        }
        var (json, problem) = await IntakeApiForm.ReadRequestJsonAsync(form.Form!, problems);
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
        var gp = await IntakeApiTranslation.FindGpAsync(users, request.RequestingGp, practiceId, errors, problems);
        var departmentId = await IntakeApiTranslation.FindDepartmentAsync(db, request.Department, errors, problems);
        var parts = IntakeApiForm.MatchFiles(request, form.Form!, errors, problems);
        if (errors.Count > 0)
        {
            return problems.Invalid(errors);
        }
        // Each part is read once: its bytes serve the idempotency hash and the request.
        var files = parts.ToDictionary(p => p.Key, p => new PhotoInput(p.Value.FileName, default, IntakeApiForm.ReadAll(p.Value)));

        var hash = IntakeApiIdempotency.RequestHash(json, files);
        var replay = await IntakeApiIdempotency.ClaimKeyAsync(db, practiceId, idempotencyKey, hash, clock, limits.Value.AbandonedSubmissionAfter, problems);
        if (replay is not null)
        {
            return replay;
        }
        try
        {
            var actor = new Actor(gp!.Id, $"{gp.UserName} (API key {KeyPrefix(http.User)})", Roles.GP, null, practiceId, http.Connection.RemoteIpAddress?.ToString());
            var result = await intake.SubmitAsync(IntakeApiTranslation.ToIntakeRequest(request, files), actor, departmentId, http.RequestAborted,
                new SubmissionKey(practiceId, idempotencyKey));
            if (!result.Succeeded)
            {
                await IntakeApiIdempotency.ReleaseKeyAsync(db, practiceId, idempotencyKey);
                return result.NeedsConfirmation is not null ? problems.Problem(StatusCodes.Status409Conflict, "SamePatient")
                    : result.Errors.Any(e => e.Code == IntakeService.PatientRegisteredMeanwhile)
                        ? problems.RetryLater(StatusCodes.Status409Conflict, IntakeService.PatientRegisteredMeanwhile, retryAfterSeconds: 1)
                    : result.Errors.Any(e => e.Code == PhotoStoreFullException.Code)
                        ? problems.RetryLater(StatusCodes.Status507InsufficientStorage, PhotoStoreFullException.Code, retryAfterSeconds: 600)
                        : problems.Invalid([.. result.Errors.Select(problems.Field)]);
            }
            var created = await IntakeApiIdempotency.CreatedAsync(db, result.CaseId!.Value);
            return Results.Created(created.StatusUrl, created);
        }
        catch
        {
            await IntakeApiIdempotency.ReleaseKeyAsync(db, practiceId, idempotencyKey);
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

    /// <summary>The practice whose API key made this request.</summary>
    internal static Guid PracticeOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TeleDermClaims.PracticeId)!);

    private static string KeyPrefix(ClaimsPrincipal user) => user.FindFirstValue(PracticeApiKeyAuthentication.KeyPrefixClaim) ?? "?";

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];
}

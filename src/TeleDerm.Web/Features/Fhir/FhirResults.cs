using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Intake;
using TeleDerm.Fhir;
using TeleDerm.Fhir.Intake;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Fhir;

/// <summary>
/// The FHIR API's answers: resources as application/fhir+json, and every refusal as an OperationOutcome whose
/// issues name the element in error (FHIRPath), with a sentence in the caller's language (Accept-Language, as the
/// REST API) and the English in diagnostics.
/// </summary>
public sealed class FhirResults(IStringLocalizer<Texts> text, ApiProblems problems)
{
    public static IResult Resource(Resource resource, int status = StatusCodes.Status200OK, string? location = null) => new FhirResult(resource, status, location);

    /// <summary>Issues found in a request or search: "FhirError.{Code}" in the reader's language.</summary>
    public IResult Issues(int status, IEnumerable<FhirIssue> issues) => Resource(new OperationOutcome
    {
        Issue = [.. issues.Select(i => Issue(i.Type, RefusalTexts.Format(text, $"FhirError.{i.Code}", i.Arguments), i.English, i.Expression, i.Code))],
    }, status);

    /// <summary>The intake use case's own errors, in the words the page uses, each at the element of the Bundle it came from.</summary>
    public IResult Intake(IEnumerable<IntakeError> errors, FhirIntakeLocations locations) => Resource(new OperationOutcome
    {
        Issue = [.. errors.Select(e => (Error: e, Field: problems.Field(e)))
            .Select(x => Issue(OperationOutcome.IssueType.Invariant, x.Field.Message, x.Error.Message, locations.ExpressionOf(x.Error), x.Error.Code))],
    }, StatusCodes.Status422UnprocessableEntity);

    /// <summary>Fields the REST API's own checks found wrong (the requesting GP, the department), each at its element.</summary>
    public IResult Fields(IEnumerable<ApiFieldError> errors, FhirIntakeLocations locations) => Resource(new OperationOutcome
    {
        Issue = [.. errors.Select(e => Issue(OperationOutcome.IssueType.Value, e.Message, null, locations.ExpressionOf(e.Field), e.Code ?? "Invalid"))],
    }, StatusCodes.Status422UnprocessableEntity);

    /// <summary>A refusal the REST API words too ("ApiError.{code}.Title" and ".Detail"), at <paramref name="expression"/> when there is one.</summary>
    public IResult Problem(int status, OperationOutcome.IssueType type, string code, string? expression = null, params object[] arguments)
    {
        var title = RefusalTexts.Format(text, $"ApiError.{code}.Title", arguments);
        var detail = RefusalTexts.Format(text, $"ApiError.{code}.Detail", arguments);
        return Resource(new OperationOutcome { Issue = [Issue(type, $"{title} {detail}", null, expression, code)] }, status);
    }

    private static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType type, string message, string? english, string? expression, string code)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            // The stable code for software (never parse the sentence): TeleDerm's own, as the REST API's "code".
            Details = new CodeableConcept(FhirSystems.TeleDermPrefix + "error", code, null, message),
            Diagnostics = english is not null && english != message ? english : null,
        };
        if (expression is not null)
            issue.Expression = [expression];
        return issue;
    }

    private sealed class FhirResult(Resource resource, int status, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
            if (location is not null)
                http.Response.Headers.Location = location;
            if (resource.Meta?.LastUpdated is { } updated)
                http.Response.Headers.LastModified = updated.ToString("R");
            await http.Response.Body.WriteAsync(FhirJson.ToUtf8(resource), http.RequestAborted);
        }
    }
}

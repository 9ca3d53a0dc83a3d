using Microsoft.Extensions.Localization;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Localization;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>
/// The intake API's problem documents (RFC 9457) in the caller's language, chosen by Accept-Language as for
/// pages (English by default): practice software shows them to GPs. Each carries a stable <c>code</c> for
/// the software itself, which must never parse the sentences.
/// </summary>
public sealed class ApiProblems(IStringLocalizer<Texts> text)
{
    /// <summary>A problem whose title and detail are "ApiError.{code}.Title" and ".Detail", both formatted with the arguments.</summary>
    public IResult Problem(int status, string code, params object[] arguments) =>
        Build(status, code, Format($"ApiError.{code}.Detail", arguments), arguments, new() { ["code"] = code });

    /// <summary>A problem with a fixed detail the caller supplies (a parser's own message, kept as it is).</summary>
    public IResult ProblemWithDetail(int status, string code, string detail, params object[] arguments) =>
        Build(status, code, detail, arguments, new() { ["code"] = code });

    /// <summary>A problem the same request may solve by trying again later: the wait in a Retry-After header and in the body.</summary>
    public IResult RetryLater(int status, string code, int retryAfterSeconds) =>
        new WithRetryAfter(Build(status, code, Format($"ApiError.{code}.Detail", []), [], new() { ["code"] = code, ["retryAfterSeconds"] = retryAfterSeconds }),
            retryAfterSeconds);

    private sealed class WithRetryAfter(IResult problem, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }

    private IResult Build(int status, string code, string detail, object[] arguments, Dictionary<string, object?> extensions) =>
        Results.Problem(title: Format($"ApiError.{code}.Title", arguments), detail: detail, statusCode: status, extensions: extensions);

    public IResult Invalid(IReadOnlyList<ApiFieldError> errors) =>
        Results.Problem(title: text["ApiError.Invalid.Title"], detail: string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["code"] = "Invalid", ["errors"] = errors });

    public ApiFieldError Field(string field, string code, params object[] arguments) =>
        new(field, Format($"ApiError.Field.{code}", arguments), code);

    /// <summary>The intake use case's own errors, in the words the page uses for the same mistake.</summary>
    public ApiFieldError Field(IntakeError error)
    {
        var message = Format($"IntakeError.{error.Code}", error.Arguments);
        return new(error.Field, message, error.Code, error.Message == message ? null : error.Message);
    }

    private string Format(string key, IEnumerable<object> arguments) => RefusalTexts.Format(text, key, arguments);
}

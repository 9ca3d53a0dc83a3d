using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Administration;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>
/// Authenticates practice software by its API key ("Authorization: Bearer tdk_…" or "X-Api-Key: tdk_…").
/// Only the intake API and the FHIR API use this scheme: a browser session cannot call them, and a key cannot open a page.
/// </summary>
public sealed class PracticeApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PracticeApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PracticeApiKey";
    public const string KeyIdClaim = "teleDerm:api-key";
    public const string KeyPrefixClaim = "teleDerm:api-key-prefix";
    private const string FailureItem = "TeleDerm.ApiKeyFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            Context.Items[FailureItem] = "ApiKeyRevoked";
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "api-key:" + key.Id),
            new Claim(ClaimTypes.Name, $"API key {key.Prefix} ({key.Name})"),
            new Claim(TeleDermClaims.PracticeId, key.PracticeId.ToString()),
            new Claim(KeyIdClaim, key.Id.ToString()),
            new Claim(KeyPrefixClaim, key.Prefix),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"TeleDerm intake API\"";
        // In the caller's language (Accept-Language): the practice software may show it to the GP.
        var code = Context.Items[FailureItem] as string ?? "ApiKeyRequired";
        if (Request.Path.StartsWithSegments(Features.Fhir.FhirEndpoints.Root))
        {
            // FHIR clients read an OperationOutcome, in the same words.
            await Context.RequestServices.GetRequiredService<Features.Fhir.FhirResults>()
                .Problem(StatusCodes.Status401Unauthorized, Hl7.Fhir.Model.OperationOutcome.IssueType.Login, code).ExecuteAsync(Context);
            return;
        }
        var problems = Context.RequestServices.GetRequiredService<ApiProblems>();
        await problems.Problem(StatusCodes.Status401Unauthorized, code).ExecuteAsync(Context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers["X-Api-Key"].FirstOrDefault() is { Length: > 0 } header)
        {
            return header.Trim();
        }
        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }
}

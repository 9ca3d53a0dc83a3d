using Microsoft.AspNetCore.Antiforgery;
using TeleDerm.Core.Audit;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// For minimal-API form posts that read the form themselves: ASP.NET Core validates antiforgery tokens only
/// for endpoints that bind a form parameter, so without this filter another site could post to them with the
/// user's cookie. A signed-in user's post with a missing or forged token is refused with 400 and audited; nothing runs.
/// </summary>
public sealed class AntiforgeryRequired(IAntiforgery antiforgery, AuditRecorder audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Nobody signed in, nothing to forge: an expired session's sign-out still reaches its clean redirect.
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return await next(context);
        }
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException forged)
        {
            await audit.RecordAsync(AuditActions.AntiforgeryRejected, AuditOutcome.Denied, details: $"{http.Request.Method} {http.Request.Path}: {forged.Message}");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This form has expired or did not come from TeleDerm.",
                detail: "Reload the page and try again.");
        }
        return await next(context);
    }
}

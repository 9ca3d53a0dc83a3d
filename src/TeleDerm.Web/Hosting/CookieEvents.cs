using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TeleDerm.Core.Audit;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// What the sign-in cookie does when a request is not allowed: APIs get a plain 401/403; pages are
/// redirected to sign-in, to two-factor enrolment (signed in without a second factor) or to the
/// access-denied page, and every refusal of a signed-in user is audited.
/// </summary>
internal static class CookieEvents
{
    public static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task RedirectToAccessDeniedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var user = context.HttpContext.User;
        if (!IsApi(context.Request) && user.Identity?.IsAuthenticated == true && !TwoFactorSatisfiedRequirement.IsSatisfiedBy(user))
        {
            context.Response.Redirect("/account/two-factor/enroll");
            return;
        }
        if (!IsApi(context.Request) && user.Identity?.IsAuthenticated == true && !PasswordChosenRequirement.IsSatisfiedBy(user))
        {
            context.Response.Redirect(PasswordChosenRequirement.ChangePasswordPath);
            return;
        }
        var recorder = context.HttpContext.RequestServices.GetRequiredService<AuditRecorder>();
        await recorder.RecordAsync(AuditActions.AccessDenied, AuditOutcome.Denied,
            details: $"{context.Request.Method} {context.Request.Path}");
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        context.Response.Redirect(context.RedirectUri);
    }

    /// <summary>Machine endpoints (SignalR hubs, Blazor's circuit, APIs) get status codes: a redirect to an HTML page means
    /// nothing to them. They say so themselves through endpoint metadata, so no path needs to be listed here.</summary>
    private static bool IsApi(HttpRequest request) =>
        request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IDisableCookieRedirectMetadata>() is not null;
}

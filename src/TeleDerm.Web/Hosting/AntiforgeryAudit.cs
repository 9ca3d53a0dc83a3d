using Microsoft.AspNetCore.Antiforgery;
using TeleDerm.Core.Audit;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Hosting;

/// <summary>Audits form posts whose antiforgery token was missing or forged (the endpoint itself answers 400).</summary>
public sealed class AntiforgeryAudit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AuditRecorder recorder)
    {
        await next(context);
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } feature)
        {
            await recorder.RecordAsync(AuditActions.AntiforgeryRejected, AuditOutcome.Denied,
                details: $"{context.Request.Method} {context.Request.Path}: {feature.Error?.Message}");
        }
    }
}

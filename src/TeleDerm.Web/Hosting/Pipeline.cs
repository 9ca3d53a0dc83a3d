using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Components;
using TeleDerm.Web.Features.Account;
using TeleDerm.Web.Features.Admin;
using TeleDerm.Web.Features.Dashboard;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Web.Features.Viewer;

namespace TeleDerm.Web.Hosting;

public static class Pipeline
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("fr")];

    public static WebApplication UseTeleDerm(this WebApplication app)
    {
        // First of all: every later step (scheme, client address, audit) must see the client, not the proxy.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReverseProxyOptions>>().Value is { IsConfigured: true } proxy)
        {
            app.UseForwardedHeaders(proxy.ToForwardedHeadersOptions());
        }
        if (!app.Environment.IsDevelopment())
        {
            // A plain page with a reference, never a stack trace: the detail is in the logs under that id.
            app.UseExceptionHandler(error => error.Run(async context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync($"TeleDerm met an unexpected error. Reference: {context.TraceIdentifier}");
            }));
        }
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.IsHttpsOnly(app.Environment))
        {
            // Sent only over HTTPS, i.e. behind a TLS-terminating proxy (its X-Forwarded-Proto trusted) or with a certificate configured.
            app.UseHsts();
            app.UseMiddleware<HttpsOnlyGuard>();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = SupportedCultures,
            SupportedUICultures = SupportedCultures,
            RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()],
        });
        // Before authentication: checking a session reads the database too.
        app.UseMiddleware<DatabaseOutage>();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        // After authentication, so that images are limited per person rather than per shared hospital address.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<AntiforgeryAudit>();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        // For a load balancer: alive (the process answers, nothing checked) and ready (database, and with a PACS the
        // outbox's backlog), the latter as JSON naming each check. Neither says anything about patients.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        TeleDerm.Web.Features.Reports.ReportEndpoints.MapReportEndpoints(app);
        app.MapDashboardEndpoints();
        app.MapIntakeApiEndpoints();
        TeleDerm.Web.Features.Fhir.FhirEndpoints.MapFhirApi(app);
        app.MapDicomWebEndpoints();
        app.MapHub<TeleDerm.Web.Features.Cases.CaseEventsHub>(TeleDerm.Web.Features.Cases.CaseEventsHub.Path);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

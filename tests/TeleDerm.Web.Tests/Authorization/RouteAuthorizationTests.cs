using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Authorization;

/// <summary>
/// Walks every route of the app as every kind of visitor and checks the answer. The table below is the
/// authorization contract: a route the app serves but the table does not list fails the test, so a new
/// page or endpoint cannot ship without someone deciding who may reach it.
/// Answers: "200" (allowed), "login" (redirected to sign-in), "denied" (redirected to access denied),
/// "enroll" (signed in with a password only, sent to two-factor enrolment), or another status code.
/// </summary>
public sealed partial class RouteAuthorizationTests : IDisposable
{
    // Visitors, in the order of each row's answers.
    private static readonly string[] Visitors = ["anonymous", Roles.GP, Roles.Dermatologist, Roles.DepartmentHead, Roles.Admin, "password-only"];

    private sealed record Row(string Method, string Pattern, string Path, params string[] Answers);

    private static readonly Row[] Table =
    [
        //   method  route pattern                        path requested                       anon     GP        Derm      Head      Admin     pwd-only
        new("GET",  "/",                                  "/",                                 "login", "200",    "200",    "200",    "200",    "enroll"),
        new("GET",  "/account/login",                     "/account/login",                    "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/account/login/two-factor",          "/account/login/two-factor",         "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/account/login/recovery-code",       "/account/login/recovery-code",      "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/account/two-factor/enroll",         "/account/two-factor/enroll",        "login", "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/account/invitation",                "/account/invitation",               "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/account/change-password",           "/account/change-password",          "login", "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/account/access-denied",             "/account/access-denied",            "403",   "403",    "403",    "403",    "403",    "403"),
        new("GET",  "/account/preferences",               "/account/preferences",              "login", "200",    "200",    "200",    "200",    "enroll"),
        new("POST", "/account/preferences/save",          "/account/preferences/save",         "login", "redirect:/account/preferences?saved=1", "redirect:/account/preferences?saved=1", "redirect:/account/preferences?saved=1", "redirect:/account/preferences?saved=1", "enroll"),
        new("GET",  "/not-found",                         "/not-found",                        "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/admin/users",                       "/admin/users",                      "login", "denied", "denied", "denied", "200",    "enroll"),
        new("GET",  "/admin/organisations",               "/admin/organisations",              "login", "denied", "denied", "denied", "200",    "enroll"),
        new("GET",  "/admin/api-keys",                    "/admin/api-keys",                   "login", "denied", "denied", "denied", "200",    "enroll"),
        new("GET",  "/admin/webhooks",                    "/admin/webhooks",                   "login", "denied", "denied", "denied", "200",    "enroll"),
        // The intake API answers practice software with an API key only: a browser session gets 401 like anyone without a key.
        new("POST", "/api/v1/cases",                      "/api/v1/cases",                     "401",   "401",    "401",    "401",    "401",    "401"),
        new("GET",  "/api/v1/cases/{id:guid}",            "/api/v1/cases/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/api/v1/cases/{id:guid}/reports",    "/api/v1/cases/7b0e4c1a-0000-4000-8000-000000000000/reports", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/api/v1/cases/{id:guid}/report",     "/api/v1/cases/7b0e4c1a-0000-4000-8000-000000000000/report", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/api/v1/cases/{id:guid}/reports/{reportId:guid}", "/api/v1/cases/7b0e4c1a-0000-4000-8000-000000000000/reports/7b0e4c1a-0000-4000-8000-000000000001", "401", "401", "401", "401", "401", "401"),
        // The FHIR API: its CapabilityStatement is public (it says what the server does, nothing about anyone); the rest needs the practice's key.
        new("GET",  "/fhir/metadata",                     "/fhir/metadata",                    "200",   "200",    "200",    "200",    "200",    "200"),
        new("POST", "/fhir/",                             "/fhir",                             "401",   "401",    "401",    "401",    "401",    "401"),
        new("GET",  "/fhir/Patient/{id}",                 "/fhir/Patient/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/fhir/ServiceRequest/{id}",          "/fhir/ServiceRequest/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/fhir/DiagnosticReport/{id}",        "/fhir/DiagnosticReport/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/fhir/Communication/{id}",           "/fhir/Communication/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/fhir/ServiceRequest",               "/fhir/ServiceRequest",              "401",   "401",    "401",    "401",    "401",    "401"),
        new("GET",  "/fhir/DiagnosticReport",             "/fhir/DiagnosticReport?based-on=ServiceRequest/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/fhir/Communication",                "/fhir/Communication?based-on=ServiceRequest/7b0e4c1a-0000-4000-8000-000000000000", "401", "401", "401", "401", "401", "401"),
        new("GET",  "/fhir/{**rest}",                     "/fhir/Observation",                 "401",   "401",    "401",    "401",    "401",    "401"),
        new("GET",  "/api/v1/openapi.json",               "/api/v1/openapi.json",              "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/admin/models",                      "/admin/models",                     "login", "denied", "denied", "denied", "200",    "enroll"),
        new("GET",  "/admin/audit",                       "/admin/audit",                      "login", "denied", "denied", "denied", "200",    "enroll"),
        new("GET",  "/admin/audit/export.csv",            "/admin/audit/export.csv",           "login", "denied", "denied", "denied", "200",    "enroll"),
        // A case page answers 200 to the people of cases (policy CaseParticipants) and shows the case only to those RecordAccess
        // allows (an unknown id here); administrators manage accounts and never open a case.
        new("GET",  "/cases/{CaseId:guid}",               "/cases/7b0e4c1a-0000-4000-8000-000000000000", "login", "200", "200", "200", "denied", "enroll"),
        // A signed report: the fallback policy (two-factor) and then RecordAccess on its case; an unknown id is 404 for everyone.
        new("GET",  "/reports/{reportId:guid}/pdf",       "/reports/7b0e4c1a-0000-4000-8000-000000000001/pdf", "login", "404", "404", "404", "404", "enroll"),
        new("GET",  "/reports/verify",                    "/reports/verify",                   "login", "200",    "200",    "200",    "200",    "enroll"),
        new("GET",  "/account/signing-certificate",       "/account/signing-certificate",      "login", "denied", "200",    "denied", "denied", "enroll"),
        // The viewer, like the case page: 200 to the people of cases, the case shown only to those who may view it.
        new("GET",  "/cases/{CaseId:guid}/viewer",        "/cases/7b0e4c1a-0000-4000-8000-000000000000/viewer", "login", "200", "200", "200", "denied", "enroll"),
        new("GET",  "/requests/new",                      "/requests/new",                     "login", "200",    "denied", "denied", "denied", "enroll"),
        new("GET",  "/my-cases",                          "/my-cases",                         "login", "200",    "denied", "denied", "denied", "enroll"),
        // A referral letter: GPs only, and only a task of their practice is shown (an unknown id here: the page says so).
        new("GET",  "/gp-tasks/{TaskId:guid}/referral-letter", "/gp-tasks/7b0e4c1a-0000-4000-8000-000000000000/referral-letter", "login", "200", "denied", "denied", "denied", "enroll"),
        new("GET",  "/worklist",                          "/worklist",                         "login", "denied", "200",    "200",    "denied", "enroll"),
        new("GET",  "/dashboard",                         "/dashboard",                        "login", "denied", "denied", "200",    "200",    "enroll"),
        new("GET",  "/dashboard/export/{table}.csv",      "/dashboard/export/summary.csv?from=2026-11-01&to=2026-11-07", "login", "denied", "denied", "200", "200", "enroll"),
        new("GET",  "/dashboard/billing/{month}.csv",     "/dashboard/billing/2026-11.csv",    "login", "denied", "denied", "200",    "200",    "enroll"),
        // Live case events (SignalR): signed-in users with two-factor only; the hub itself filters per user.
        new("POST", "/hubs/cases/negotiate",              "/hubs/cases/negotiate?negotiateVersion=1", "401", "200", "200",  "200",    "200",    "403"),
        new("GET",  "/hubs/cases",                        "/hubs/cases",                       "401",   "400",    "400",    "400",    "400",    "403"),
        // DICOMweb images: signed-in users with two-factor; each image is then checked against the cases of its lesion (an unknown UID here: 404 for everyone).
        new("GET",  "/dicomweb/studies/{study}/series/{series}/instances/{sop}/rendered",  "/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/rendered",  "401", "404", "404", "404", "404", "403"),
        new("GET",  "/dicomweb/studies/{study}/series/{series}/instances/{sop}/thumbnail", "/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/thumbnail", "401", "404", "404", "404", "404", "403"),
        new("GET",  "/dicomweb/studies/{study}/series/{series}/instances/{sop}/metadata",  "/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/metadata",  "401", "404", "404", "404", "404", "403"),
        new("GET",  "/dicomweb/studies/{study}/series/{series}/instances/{sop}/tiles/{level:int}/{column:int}/{row:int}", "/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/tiles/9/0/0", "401", "404", "404", "404", "404", "403"),
        new("GET",  "/health",                            "/health",                           "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/health/live",                       "/health/live",                      "200",   "200",    "200",    "200",    "200",    "200"),
        new("GET",  "/health/ready",                      "/health/ready",                     "200",   "200",    "200",    "200",    "200",    "200"),
        // Blazor's own endpoints: the circuit is for fully signed-in users only.
        new("POST", "/_blazor/negotiate",                 "/_blazor/negotiate?negotiateVersion=1", "401", "200",  "200",    "200",    "200",    "403"),
        new("GET",  "/_blazor",                           "/_blazor",                          "401",   "400",    "400",    "400",    "400",    "403"),
        new("GET",  "/_blazor/initializers/",             "/_blazor/initializers/",            "login", "200",    "200",    "200",    "200",    "enroll"),
        new("POST", "/_blazor/disconnect/",               "/_blazor/disconnect/",              "login", "400",    "400",    "400",    "400",    "enroll"),
        new("GET",  "/_framework/opaque-redirect",        "/_framework/opaque-redirect",       "login", "400",    "400",    "400",    "400",    "enroll"),
        // Development only: static web assets served from the source tree; unknown files need a sign-in first.
        new("GET",  "{**path:file}",                      "/no-such-file.txt",                 "login", "404",    "404",    "404",    "404",    "enroll"),
        // Last, because it ends the session.
        new("POST", "/account/logout",                    "/account/logout",                   "redirect:/account/login?reason=signed-out", "redirect:/account/login?reason=signed-out", "redirect:/account/login?reason=signed-out", "redirect:/account/login?reason=signed-out", "redirect:/account/login?reason=signed-out", "redirect:/account/login?reason=signed-out"),
    ];

    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public void Every_route_of_the_app_is_in_the_table()
    {
        _ = app.CreateClient();
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => e.RoutePattern.RawText!.StartsWith('/') || e.RoutePattern.RawText.StartsWith('{') ? e.RoutePattern.RawText : "/" + e.RoutePattern.RawText)
            .ToHashSet();
        var listed = Table.Select(r => r.Pattern).ToHashSet();
        var missing = served.Except(listed).Order().ToList();
        var stale = listed.Except(served).Order().ToList();
        Assert.True(missing.Count == 0, "Routes served but missing from the authorization table (add a row deciding who may reach each):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows for routes the app no longer serves:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_visitor_gets_the_expected_answer_on_every_route()
    {
        var failures = new List<string>();
        for (var v = 0; v < Visitors.Length; v++)
        {
            var session = await SessionForAsync(Visitors[v]);
            foreach (var row in Table)
            {
                var answer = await AnswerAsync(session, row);
                if (answer != row.Answers[v])
                {
                    failures.Add($"{row.Method} {row.Path} as {Visitors[v]}: expected {row.Answers[v]}, got {answer}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_static_asset_is_public()
    {
        _ = app.CreateClient();
        var assets = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().ToList();
        Assert.Contains("/_framework/blazor.web.js", assets);
        var client = app.CreateClient();
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }

    private async Task<FormSession> SessionForAsync(string visitor)
    {
        var session = app.CreateSession();
        if (visitor == "anonymous")
        {
            return session;
        }
        var account = await TestAccounts.CreateAsync(app.Services, visitor == "password-only" ? Roles.GP : visitor, enrolTwoFactor: visitor != "password-only");
        await session.SignInAsync(account);
        return session;
    }

    private static async Task<string> AnswerAsync(FormSession session, Row row)
    {
        HttpResponseMessage response;
        if (row.Method == "GET")
        {
            response = await session.Client.GetAsync(row.Path);
        }
        else
        {
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(session) };
            if (row.Path == "/account/preferences/save")
            {
                fields["culture"] = "en";
                fields["theme"] = "light";
            }
            response = await session.Client.PostAsync(row.Path, new FormUrlEncodedContent(fields));
        }
        if (response.StatusCode != HttpStatusCode.Found)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var location = FormSession.Location(response)!;
        return location switch
        {
            _ when location.StartsWith("/account/login?ReturnUrl", StringComparison.Ordinal) => "login",
            _ when location.StartsWith("/account/access-denied", StringComparison.Ordinal) => "denied",
            "/account/two-factor/enroll" => "enroll",
            _ => "redirect:" + location,
        };
    }

    /// <summary>A token bound to this session's user, taken from a page that renders a form with one.</summary>
    private static async Task<string> AntiforgeryTokenAsync(FormSession session)
    {
        foreach (var page in new[] { "/account/preferences", "/account/two-factor/enroll", "/account/login" })
        {
            var (response, html) = await session.GetAsync(page);
            var match = TokenPattern().Match(html);
            if (response.StatusCode == HttpStatusCode.OK && match.Success)
            {
                return WebUtility.HtmlDecode(match.Groups[1].Value);
            }
        }
        throw new InvalidOperationException("No page offered an antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

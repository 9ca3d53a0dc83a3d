using System.Security.Claims;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using AuditEvent = TeleDerm.Core.Audit.AuditEvent;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Audit;
using TeleDerm.Fhir;
using TeleDerm.Fhir.Search;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.IntakeApi;

namespace TeleDerm.Web.Features.Fhir;

/// <summary>
/// The FHIR R4 API under <c>/fhir</c>, for practice software with the practice's API key (as the REST API):
/// the CapabilityStatement, a new request as a transaction Bundle, and reads and searches of the practice's own
/// requests, patients, reports and questions. Exactly what <see cref="FhirCapabilities"/> lists; every resource
/// served is audited with the patient it is about.
/// </summary>
public static class FhirEndpoints
{
    public const string Root = "/fhir";

    public static void AddFhirApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FhirOptions>().BindConfiguration(FhirOptions.Section);
        builder.Services.AddSingleton<PracticeFhirRecords>();
        builder.Services.AddSingleton<FhirResults>();
        builder.Services.AddSingleton<FhirTransaction>();
    }

    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        // The CapabilityStatement is public, as FHIR expects: it says what the server does, nothing about anyone.
        app.MapGet($"{Root}/metadata", (HttpContext http, TimeProvider clock) =>
            FhirResults.Resource(FhirCapabilities.Statement(BaseUrl(http), typeof(FhirEndpoints).Assembly.GetName().Version?.ToString() ?? "1", clock.GetUtcNow())))
            .AllowAnonymous().ExcludeFromDescription();

        var fhir = app.MapGroup(Root).RequireAuthorization(Policies.PracticeApi).DisableAntiforgery().ExcludeFromDescription();
        fhir.MapPost("", (HttpContext http, FhirTransaction transaction) => transaction.SubmitAsync(http));
        fhir.MapGet("/Patient/{id}", (string id, HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results) =>
            ReadAsync(id, http, audit, results, (practice, guid, ct) => records.PatientAsync(practice, guid, ct)));
        fhir.MapGet("/ServiceRequest/{id}", (string id, HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results) =>
            ReadAsync(id, http, audit, results, (practice, guid, ct) => records.ServiceRequestAsync(practice, guid, ct)));
        fhir.MapGet("/DiagnosticReport/{id}", (string id, HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results) =>
            ReadAsync(id, http, audit, results, (practice, guid, ct) => records.DiagnosticReportAsync(practice, guid, ReportUrl, ct)));
        fhir.MapGet("/Communication/{id}", (string id, HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results) =>
            ReadAsync(id, http, audit, results, (practice, guid, ct) => records.CommunicationAsync(practice, guid, ct)));
        fhir.MapGet("/ServiceRequest", SearchServiceRequestsAsync);
        fhir.MapGet("/DiagnosticReport", (HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results) =>
            SearchBasedOnAsync("DiagnosticReport", http, audit, results, (practice, request, ct) => records.DiagnosticReportsAsync(practice, request, ReportUrl, ct)));
        fhir.MapGet("/Communication", (HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results) =>
            SearchBasedOnAsync("Communication", http, audit, results, (practice, request, ct) => records.CommunicationsAsync(practice, request, ct)));
        // Anything else under /fhir is an OperationOutcome too, not the app's page for unknown addresses.
        fhir.Map("/{**rest}", (FhirResults results) => results.Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "FhirNotSupported"));
        return app;
    }

    /// <summary>Where the signed PDF is also served by the REST API (with its SHA-256 ETag).</summary>
    private static string ReportUrl(Guid caseId, Guid reportId) => $"/api/v1/cases/{caseId}/reports/{reportId}";

    internal static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Root}";

    private static async Task<IResult> ReadAsync<T>(string id, HttpContext http, IAuditTrail audit, FhirResults results,
        Func<Guid, Guid, CancellationToken, Task<FhirRecord<T>?>> read) where T : Resource
    {
        var record = Guid.TryParse(id, out var guid) ? await read(IntakeApiEndpoints.PracticeOf(http.User), guid, http.RequestAborted) : null;
        if (record is null)
            return results.Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "FhirResourceNotFound", null, typeof(T).Name, id);
        if (record.DamagedReportNumber is { } number)
            return await DamagedAsync(http, audit, results, record, number);
        await AuditAsync(audit, http, [record], "read");
        return FhirResults.Resource(record.Resource);
    }

    private static async Task<IResult> SearchServiceRequestsAsync(HttpContext http, PracticeFhirRecords records, IAuditTrail audit, FhirResults results)
    {
        var (search, issues) = FhirSearch.ServiceRequests(Query(http));
        if (search is null)
            return results.Issues(StatusCodes.Status400BadRequest, issues);
        var (page, total) = await records.SearchAsync(IntakeApiEndpoints.PracticeOf(http.User), search, http.RequestAborted);
        await AuditAsync(audit, http, page, "search");
        var bundle = SearchSet(http, page, total);
        if (search.Offset + page.Count < total)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(http, search.Offset + search.Count) });
        return FhirResults.Resource(bundle);
    }

    private static async Task<IResult> SearchBasedOnAsync<T>(string type, HttpContext http, IAuditTrail audit, FhirResults results,
        Func<Guid, Guid, CancellationToken, Task<IReadOnlyList<FhirRecord<T>>?>> search) where T : Resource
    {
        var (requestId, issues) = FhirSearch.BasedOn(type, Query(http));
        if (requestId is null)
            return results.Issues(StatusCodes.Status400BadRequest, issues);
        // Another practice's request, or none: an empty result, as for a request without reports (nothing is guessable).
        var found = await search(IntakeApiEndpoints.PracticeOf(http.User), requestId.Value, http.RequestAborted) ?? [];
        if (found.FirstOrDefault(r => r.DamagedReportNumber is not null) is { } damaged)
            return await DamagedAsync(http, audit, results, damaged, damaged.DamagedReportNumber!);
        await AuditAsync(audit, http, found, "search");
        return FhirResults.Resource(SearchSet(http, found, found.Count));
    }

    /// <summary>A signed report whose stored bytes no longer match their hash is never served as signed (as the REST API).</summary>
    private static async Task<IResult> DamagedAsync<T>(HttpContext http, IAuditTrail audit, FhirResults results, FhirRecord<T> record, string number) where T : Resource
    {
        await audit.AppendAsync(new AuditEvent(AuditActions.ReportDownloaded, AuditOutcome.Failure, http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.Identity?.Name,
            "report", record.Resource.Id, record.PatientId.ToString(), http.Connection.RemoteIpAddress?.ToString(), "FHIR: stored hash mismatch"));
        return results.Problem(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, "ReportIntegrity", null, number);
    }

    private static Bundle SearchSet<T>(HttpContext http, IEnumerable<FhirRecord<T>> records, int total) where T : Resource => new()
    {
        Type = Bundle.BundleType.Searchset,
        Total = total,
        Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{BaseUrl(http)}{http.Request.Path.Value![Root.Length..]}{http.Request.QueryString}" }],
        Entry = [.. records.Select(r => new Bundle.EntryComponent
        {
            FullUrl = $"{BaseUrl(http)}/{r.Resource.TypeName}/{r.Resource.Id}",
            Resource = r.Resource,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        })],
    };

    private static string PageUrl(HttpContext http, int offset)
    {
        var query = Query(http).Where(p => p.Key != "_offset").Append(new("_offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"{BaseUrl(http)}{http.Request.Path.Value![Root.Length..]}{QueryString.Create(query!)}";
    }

    private static IEnumerable<KeyValuePair<string, string>> Query(HttpContext http) =>
        http.Request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));

    /// <summary>One entry per resource served, with its patient: who saw which patient's data, and how.</summary>
    private static async Task AuditAsync<T>(IAuditTrail audit, HttpContext http, IEnumerable<FhirRecord<T>> records, string how) where T : Resource
    {
        foreach (var record in records)
        {
            var action = record.Resource is DiagnosticReport ? AuditActions.ReportDownloaded : AuditActions.FhirRead;
            await audit.AppendAsync(new AuditEvent(action, AuditOutcome.Success, http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.Identity?.Name,
                record.Resource is DiagnosticReport ? "report" : record.Resource.TypeName, record.Resource.Id, record.PatientId.ToString(), http.Connection.RemoteIpAddress?.ToString(),
                $"FHIR {how} {record.Resource.TypeName}/{record.Resource.Id}"));
        }
    }
}

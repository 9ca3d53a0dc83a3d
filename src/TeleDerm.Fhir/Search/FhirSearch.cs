using System.Globalization;
using Hl7.Fhir.Model;
using TeleDerm.Fhir.Intake;

namespace TeleDerm.Fhir.Search;

/// <summary>A search for the practice's requests; every filter given must match.</summary>
/// <param name="After">Last changed at or after (inclusive) this instant.</param>
/// <param name="Before">Last changed strictly before this instant.</param>
public sealed record ServiceRequestSearch(Guid? PatientId, string? Identifier, DateTime? After, DateTime? Before, int Count, int Offset);

/// <summary>
/// Reads a search's query string. Only the parameters <see cref="FhirCapabilities"/> lists are honoured; any other is
/// refused (a misspelt filter must not silently return every request), as is a value that does not parse.
/// </summary>
public static class FhirSearch
{
    public const int DefaultCount = 50;
    public const int MaxCount = 100;

    /// <summary>Parameters of the protocol rather than filters, accepted by every search.</summary>
    private static readonly HashSet<string> Always = ["_format", "_offset"];

    public static (ServiceRequestSearch? Search, IReadOnlyList<FhirIssue> Issues) ServiceRequests(IEnumerable<KeyValuePair<string, string>> query)
    {
        var issues = new List<FhirIssue>();
        var values = Read("ServiceRequest", query, issues);
        Guid? patient = values.TryGetValue("patient", out var p) ? Reference(p, "Patient", "patient", issues) : null;
        var identifier = values.GetValueOrDefault("identifier");
        DateTime? after = null, before = null;
        if (values.TryGetValue("_lastUpdated", out var updated))
            (after, before) = LastUpdated(updated, issues);
        var count = values.TryGetValue("_count", out var c) ? Number(c, "_count", 1, MaxCount, issues) : DefaultCount;
        var offset = values.TryGetValue("_offset", out var o) ? Number(o, "_offset", 0, int.MaxValue, issues) : 0;
        return issues.Count > 0 ? (null, issues) : (new ServiceRequestSearch(patient, identifier, after, before, count, offset), issues);
    }

    /// <summary>The request a "based-on" search names (DiagnosticReport, Communication): required.</summary>
    public static (Guid? RequestId, IReadOnlyList<FhirIssue> Issues) BasedOn(string resourceType, IEnumerable<KeyValuePair<string, string>> query)
    {
        var issues = new List<FhirIssue>();
        var values = Read(resourceType, query, issues);
        if (!values.TryGetValue("based-on", out var basedOn))
        {
            issues.Add(new("based-on", OperationOutcome.IssueType.Required, "SearchBasedOnMissing", "Search with based-on=ServiceRequest/{id}."));
            return (null, issues);
        }
        var id = Reference(basedOn, "ServiceRequest", "based-on", issues);
        return issues.Count > 0 ? (null, issues) : (id, issues);
    }

    private static Dictionary<string, string> Read(string resourceType, IEnumerable<KeyValuePair<string, string>> query, List<FhirIssue> issues)
    {
        var supported = FhirCapabilities.Resources.Single(r => r.Type == resourceType).Search.Select(s => s.Name).ToHashSet();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!supported.Contains(name) && !Always.Contains(name))
                issues.Add(new(name, OperationOutcome.IssueType.NotSupported, "SearchParameterUnknown",
                    $"{resourceType} is searched by {string.Join(", ", supported)} only; \"{name}\" is not supported.", name, string.Join(", ", supported)));
            else if (!values.TryAdd(name, value))
                issues.Add(new(name, OperationOutcome.IssueType.NotSupported, "SearchParameterRepeated", $"Give \"{name}\" once.", name));
        }
        return values;
    }

    private static Guid? Reference(string value, string type, string name, List<FhirIssue> issues)
    {
        var id = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        if (Guid.TryParse(id, out var guid))
            return guid;
        issues.Add(new(name, OperationOutcome.IssueType.Value, "SearchReferenceNotValid", $"\"{name}\" is {type}/{{id}}, an id TeleDerm gave.", name, type));
        return null;
    }

    private static int Number(string value, string name, int min, int max, List<FhirIssue> issues)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            return n;
        issues.Add(new(name, OperationOutcome.IssueType.Value, "SearchNumberNotValid", $"\"{name}\" is a whole number from {min} to {max}.", name, min, max));
        return min;
    }

    /// <summary>"ge2026-01-01", "lt2026-03-01T08:00:00Z", "2026-02-14" (that day): a half-open interval in UTC.</summary>
    private static (DateTime? After, DateTime? Before) LastUpdated(string value, List<FhirIssue> issues)
    {
        var hasPrefix = value.Length > 2 && char.IsLetter(value[0]) && char.IsLetter(value[1]);
        var prefix = hasPrefix ? value[..2] : "eq";
        var text = hasPrefix ? value[2..] : value;
        var day = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        var instant = !day && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && text.Contains('T')
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > text.IndexOf('T'));
        if (!day && !instant)
        {
            issues.Add(new("_lastUpdated", OperationOutcome.IssueType.Value, "SearchDateNotValid",
                "_lastUpdated is a day (2026-03-01) or an instant with its zone (2026-03-01T08:00:00Z), after ge, gt, le, lt or eq.", value));
            return (null, null);
        }
        // A day is a range: from its first instant (UTC) to the next day's; an instant is a range of one tick.
        var start = day ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;
        var end = day ? start.AddDays(1) : start.AddTicks(1);
        switch (prefix)
        {
            case "eq": return (start, end);
            case "ge": return (start, null);
            case "gt": return (end, null);
            case "le": return (null, end);
            case "lt": return (null, start);
            default:
                issues.Add(new("_lastUpdated", OperationOutcome.IssueType.NotSupported, "SearchDatePrefixNotSupported", "_lastUpdated takes ge, gt, le, lt or eq.", prefix));
                return (null, null);
        }
    }
}

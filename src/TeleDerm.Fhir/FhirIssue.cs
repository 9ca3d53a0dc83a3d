using Hl7.Fhir.Model;

namespace TeleDerm.Fhir;

/// <summary>
/// One thing wrong with a FHIR request (a Bundle, a search), before it is turned into an OperationOutcome issue: the element in error
/// as a FHIRPath expression ("Bundle.entry[2].resource.bodySite"), the issue type, a stable code (the web host
/// words it in the caller's language as "FhirError.{Code}", formatted with <see cref="Arguments"/>) and the English.
/// </summary>
public sealed record FhirIssue(string Expression, OperationOutcome.IssueType Type, string Code, string English, params object[] Arguments);

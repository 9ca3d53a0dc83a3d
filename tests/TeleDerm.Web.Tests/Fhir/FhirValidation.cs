using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace TeleDerm.Web.Tests.Fhir;

/// <summary>Firely's validator against the R4 base profiles (the specification.zip shipped with the tests), offline.</summary>
internal static class FhirValidation
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    /// <summary>
    /// The errors (and fatal issues) the validator finds in the resource as it goes over the wire (written to JSON and read
    /// back: the SDK's classes serve several FHIR versions, and only the JSON is R4); empty when the resource conforms.
    /// </summary>
    internal static IReadOnlyList<string> Errors(Resource resource)
    {
        var (wire, parseErrors) = TeleDerm.Fhir.FhirJson.Parse(TeleDerm.Fhir.FhirJson.ToUtf8(resource));
        if (wire is null)
            return parseErrors;
        resource = wire;
        OperationOutcome outcome;
        lock (Validator)
        {
            outcome = Validator.Value.Validate(resource);
        }
        return [.. outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")];
    }

    internal static void AssertValid(Resource resource)
    {
        var errors = Errors(resource);
        Assert.True(errors.Count == 0, $"{resource.TypeName}/{resource.Id} does not validate against the R4 base profiles:\n{string.Join("\n", errors)}");
    }
}

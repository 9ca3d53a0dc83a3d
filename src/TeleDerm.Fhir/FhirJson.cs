using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TeleDerm.Fhir;

/// <summary>Reading and writing FHIR JSON (R4). Reading is strict: an unknown or misspelt element is refused, never dropped.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>The resource, or the parser's findings (each names the element, e.g. "Bundle.entry[0].resource.gender").</summary>
    public static (Resource? Resource, IReadOnlyList<string> Errors) Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(utf8Json, new System.Text.Json.JsonReaderOptions { MaxDepth = 64 });
            return (Deserializer.DeserializeResource(ref reader), []);
        }
        catch (DeserializationFailedException ex)
        {
            return (null, [.. ex.Exceptions.Select(e => e.Message)]);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return (null, [ex.Message]);
        }
    }

    public static (Resource? Resource, IReadOnlyList<string> Errors) Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    public static byte[] ToUtf8(Resource resource)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Serializer.Serialize(resource, writer);
        }
        return buffer.ToArray();
    }

    public static string ToJson(Resource resource) => System.Text.Encoding.UTF8.GetString(ToUtf8(resource));
}

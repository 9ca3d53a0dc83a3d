using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeleDerm.Inference.Models;

/// <summary>Reads and checks model cards. Every problem found is reported at once, each with where it is.</summary>
public static class ModelCardReader
{
    public const string CardExtension = ".card.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        // Cards are read by people: keep quotes and dashes as they are (the JSON is never embedded in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            new JsonStringEnumConverter<TensorElementType>(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false),
        },
    };

    /// <summary>The card that belongs to a model: "x.onnx" → "x.card.json".</summary>
    public static string CardPathFor(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(modelPath) ?? "", Path.GetFileNameWithoutExtension(modelPath) + CardExtension);

    public static ModelCard ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new ModelCardException($"Model card not found: {path} (each model needs its card beside it, named <model>{CardExtension}).");
        return Parse(File.ReadAllText(path), path);
    }

    public static ModelCard Parse(string json, string source = "model card")
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelCardException($"{source}: not a valid model card: {e.Message}", e);
        }
        if (card is null)
            throw new ModelCardException($"{source}: not a valid model card: the document is null.");
        var problems = ModelCardRules.Check(card);
        if (problems.Count > 0)
            throw new ModelCardException($"{source}: not a valid model card:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}");
        return card;
    }

    public static string ToJson(ModelCard card) => JsonSerializer.Serialize(card, JsonOptions) + "\n";
}

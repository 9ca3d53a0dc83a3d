using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeleDerm.Inference.Models;

// The model card: the JSON file beside each .onnx model (same name, extension .card.json) that says
// how to feed the model, how to read a risk from it, how it was validated and what it is for.
// Property names are the JSON names in camelCase; every property without a default is required.

public sealed record ModelCard(
    string Name,
    string Version,
    string IntendedUse,
    string TrainingData,
    string Licence,
    ImageInputSpec Image,
    IReadOnlyList<MetadataInputSpec> MetadataInputs,
    IReadOnlyList<TensorSpec> Inputs,
    IReadOnlyList<TensorSpec> Outputs,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> MalignantLabels,
    RiskReadout Risk,
    FeatureOutputSpec? Features,
    IReadOnlyList<OperatingThreshold> Thresholds,
    IReadOnlyList<ValidationResult> Validation,
    LinearHead? LinearHead = null,
    IReadOnlyList<string>? Simplifications = null,
    IReadOnlyList<PhotoKind>? ImageKinds = null)
{
    /// <summary>The kinds of photo the model is for; a card that does not say is taken to mean dermoscopy only.</summary>
    [JsonIgnore]
    public IReadOnlyList<PhotoKind> ScoredKinds => ImageKinds is { Count: > 0 } kinds ? kinds : [PhotoKind.Dermoscopic];
}

/// <summary>How a photo was taken: through a dermatoscope (contact or polarised) or as an ordinary clinical photo.</summary>
public enum PhotoKind
{
    [JsonStringEnumMemberName("dermoscopic")] Dermoscopic,
    [JsonStringEnumMemberName("clinical")] Clinical,
}

/// <summary>Which input takes the image, at what size and layout, and how pixels (0–255) become values: (p·scale − mean) / std.</summary>
public sealed record ImageInputSpec(string Input, int Width, int Height, TensorLayout Layout, Normalization Normalization);

public enum TensorLayout
{
    NCHW,
    NHWC,
}

/// <summary>Per-channel normalization in R, G, B order.</summary>
public sealed record Normalization(double Scale, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);

/// <summary>
/// An optional patient value the model takes. The caller passes <see cref="MissingValue"/> ("NaN") when
/// it is unknown; <see cref="WhenMissing"/> says what the model then does (e.g. training median + indicator).
/// </summary>
public sealed record MetadataInputSpec(MetadataKind Kind, string Input, string Encoding, string MissingValue, string WhenMissing);

public enum MetadataKind
{
    [JsonStringEnumMemberName("age_years")] AgeYears,
    [JsonStringEnumMemberName("sex")] Sex,
    [JsonStringEnumMemberName("body_site")] BodySite,
    [JsonStringEnumMemberName("reported_change")] ReportedChange,
}

/// <summary>An input or output as the model declares it; a shape entry is a number (fixed) or a name (symbolic).</summary>
public sealed record TensorSpec(string Name, TensorElementType ElementType, IReadOnlyList<JsonElement> Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape.Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText()))}]";
}

/// <summary>How the risk of malignancy is read from an output.</summary>
public sealed record RiskReadout(string Output, RiskReadoutKind Kind, int Index);

public enum RiskReadoutKind
{
    /// <summary>The element at Index is the probability itself.</summary>
    [JsonStringEnumMemberName("probability")] Probability,
    /// <summary>The element at Index is a logit: risk = 1 / (1 + e^−x).</summary>
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
    /// <summary>The output holds one logit per label: risk = softmax(output)[Index].</summary>
    [JsonStringEnumMemberName("softmax")] Softmax,
}

/// <summary>An output of named values shown as the explanation (one name per element).</summary>
public sealed record FeatureOutputSpec(string Output, IReadOnlyList<string> Names);

/// <summary>
/// A band starts at <see cref="MinimumRisk"/>; calling every image at or above it positive gives the
/// sensitivity and specificity measured on the validation data.
/// </summary>
public sealed record OperatingThreshold(string Band, double MinimumRisk, double? Sensitivity, double? Specificity);

/// <summary>One validation figure (e.g. cross-validated AUC on a named subset).</summary>
public sealed record ValidationResult(string Name, string Method, int Images, int Malignant, double Auc, double? AucSd);

/// <summary>
/// For linear models: the head baked into the graph, so the UI can show each feature's contribution,
/// w·(x − mean)/std, and the graph can be rebuilt from the card. Missing metadata is replaced by
/// <see cref="ImputedValues"/> (feature name → training median) before standardization.
/// </summary>
public sealed record LinearHead(
    IReadOnlyList<string> Features,
    IReadOnlyList<double> Mean,
    IReadOnlyList<double> Std,
    IReadOnlyList<double> Weights,
    double Intercept,
    IReadOnlyDictionary<string, double> ImputedValues);

using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference.Models;

/// <summary>Compares a card's declared inputs and outputs with what ONNX Runtime reads from the model file.</summary>
public static class ModelSignature
{
    /// <summary>Every difference, in words; empty when the card and the model agree.</summary>
    public static IReadOnlyList<string> Differences(ModelCard card, IReadOnlyList<NodeInfo> inputs, IReadOnlyList<NodeInfo> outputs)
    {
        var differences = new List<string>();
        Compare("input", card.Inputs, inputs, differences);
        Compare("output", card.Outputs, outputs, differences);
        return differences;
    }

    /// <summary>Throws <see cref="ModelSignatureMismatchException"/> naming every difference.</summary>
    public static void Verify(ModelCard card, InferenceSession session, string modelPath)
    {
        var differences = Differences(card, session.Inputs(), session.Outputs());
        if (differences.Count > 0)
        {
            throw new ModelSignatureMismatchException(
                $"The card of model '{card.Name}' {card.Version} does not match {modelPath}:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", differences)}");
        }
    }

    private static void Compare(string what, IReadOnlyList<TensorSpec> declared, IReadOnlyList<NodeInfo> actual, List<string> differences)
    {
        foreach (TensorSpec spec in declared)
        {
            NodeInfo? node = actual.FirstOrDefault(n => n.Name == spec.Name);
            if (node is null)
            {
                differences.Add($"the card declares {what} '{spec.Name}', the model has no such {what} (its {what}s: {string.Join(", ", actual.Select(n => n.Name))})");
                continue;
            }
            if (node.Kind != OnnxValueKind.Tensor)
            {
                differences.Add($"{what} '{spec.Name}': the card declares a tensor, the model has a {node.Kind}");
                continue;
            }
            if (node.ElementType != spec.ElementType)
                differences.Add($"{what} '{spec.Name}': element type is {Name(node.ElementType)} in the model, {Name(spec.ElementType)} in the card");
            if (node.Shape.Count != spec.Shape.Count)
            {
                differences.Add($"{what} '{spec.Name}': the model has {node.Shape.Count} dimensions {Shape(node)}, the card {spec.Shape.Count} {Shape(spec)}");
                continue;
            }
            for (int i = 0; i < spec.Shape.Count; i++)
            {
                long? fixedDim = ModelCardRules.Fixed(spec.Shape[i]);
                long modelDim = node.Shape[i];
                if (fixedDim is { } d && modelDim != d)
                {
                    string model = modelDim < 0 ? $"symbolic ('{node.SymbolicDimensions[i]}')" : modelDim.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    differences.Add($"{what} '{spec.Name}' dimension {i}: the model has {model}, the card {d} (model {Shape(node)}, card {Shape(spec)})");
                }
                else if (fixedDim is null && modelDim >= 0)
                {
                    differences.Add($"{what} '{spec.Name}' dimension {i}: the model has fixed size {modelDim}, the card a symbolic '{spec.Shape[i].GetString()}' (model {Shape(node)}, card {Shape(spec)})");
                }
            }
        }
        foreach (NodeInfo node in actual.Where(n => declared.All(s => s.Name != n.Name)))
            differences.Add($"the model has {what} '{node.Name}' ({node}), which the card does not declare");
    }

    private static string Name(TensorElementType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    private static string Shape(NodeInfo node) =>
        "[" + string.Join(", ", node.Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : node.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?")) + "]";

    private static string Shape(TensorSpec spec) =>
        "[" + string.Join(", ", spec.Shape.Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText())) + "]";
}

using Microsoft.ML.OnnxRuntime;

namespace TeleDerm.Inference;

/// <summary>
/// A model input or output as the session declares it, in the words model cards use. For tensors,
/// <see cref="Shape"/> holds -1 where a dimension is not fixed, and <see cref="SymbolicDimensions"/> its
/// name (e.g. "batch") or "".
/// </summary>
public sealed record NodeInfo(
    string Name,
    OnnxValueKind Kind,
    TensorElementType ElementType,
    IReadOnlyList<long> Shape,
    IReadOnlyList<string> SymbolicDimensions)
{
    public bool HasDynamicDimensions => Shape.Any(d => d < 0);

    public override string ToString() => Kind == OnnxValueKind.Tensor
        ? $"{Name}: {ElementType}[{string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString() : SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]"
        : $"{Name}: {Kind}";

    internal static NodeInfo From(string name, NodeMetadata metadata)
    {
        var kind = (OnnxValueKind)(int)metadata.OnnxValueType;
        if (kind != OnnxValueKind.Tensor)
            return new NodeInfo(name, kind, TensorElementType.Undefined, [], []);
        // ORT's element type enumeration is ONNX's TensorProto.DataType, as ours.
        return new NodeInfo(name, kind, (TensorElementType)(int)metadata.ElementDataType,
            [.. metadata.Dimensions.Select(d => (long)d)], [.. metadata.SymbolicDimensions.Select(s => s ?? "")]);
    }
}

/// <summary>A session's inputs and outputs in declaration order, as <see cref="NodeInfo"/>.</summary>
public static class SessionNodes
{
    public static IReadOnlyList<NodeInfo> Inputs(this InferenceSession session) =>
        [.. session.InputNames.Select(name => NodeInfo.From(name, session.InputMetadata[name]))];

    public static IReadOnlyList<NodeInfo> Outputs(this InferenceSession session) =>
        [.. session.OutputNames.Select(name => NodeInfo.From(name, session.OutputMetadata[name]))];
}

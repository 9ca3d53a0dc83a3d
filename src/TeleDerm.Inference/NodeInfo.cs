namespace TeleDerm.Inference;

/// <summary>
/// A model input or output as the session declares it. For tensors, <see cref="Shape"/> holds -1 where
/// a dimension is not fixed, and <see cref="SymbolicDimensions"/> its name (e.g. "batch") or "".
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
}

namespace TeleDerm.RiskModelBuilder.Onnx;

/// <summary>Arithmetic, pooling and reductions on float tensors of shape [1, C, H, W], as ONNX nodes.</summary>
public sealed class GraphMath(GraphBuilder g)
{
    public GraphBuilder Builder => g;

    public string Add(string a, string b) => g.Op("Add", [a, b]);
    public string Sub(string a, string b) => g.Op("Sub", [a, b]);
    public string Mul(string a, string b) => g.Op("Mul", [a, b]);
    public string Div(string a, string b) => g.Op("Div", [a, b]);
    public string Max(string a, string b) => g.Op("Max", [a, b]);
    public string Min(string a, string b) => g.Op("Min", [a, b]);
    public string Neg(string a) => g.Op("Neg", [a]);
    public string Abs(string a) => g.Op("Abs", [a]);
    public string Sqrt(string a) => g.Op("Sqrt", [a]);
    public string Square(string a) => Mul(a, a);
    public string C(float value) => g.Scalar(value);

    /// <summary>1 where a &gt; b, else 0 (float).</summary>
    public string Greater(string a, string b) => ToFloat(g.Op("Greater", [a, b]));
    public string Less(string a, string b) => ToFloat(g.Op("Less", [a, b]));
    public string ToFloat(string a) => g.Op("Cast", [a], AttributeProto.Int("to", GraphBuilder.FloatType));

    /// <summary>sqrt(max(a, 0)): variances computed as E[x²] − E[x]² can come out slightly negative.</summary>
    public string SafeSqrt(string a) => Sqrt(Max(a, C(0)));

    /// <summary>a / max(b, floor): keeps empty masks and black images from dividing by zero.</summary>
    public string SafeDiv(string a, string b, float floor) => Div(a, Max(b, C(floor)));

    public string MaxPool(string x, int k) => g.Op("MaxPool", [x],
        AttributeProto.Ints("kernel_shape", k, k), AttributeProto.Ints("pads", k / 2, k / 2, k / 2, k / 2));

    /// <summary>Grey erosion: −MaxPool(−x) (padding is ignored by MaxPool, so edges are not eroded by the pad).</summary>
    public string MinPool(string x, int k) => Neg(MaxPool(Neg(x), k));

    public string AvgPool(string x, int k) => g.Op("AveragePool", [x],
        AttributeProto.Ints("kernel_shape", k, k), AttributeProto.Ints("pads", k / 2, k / 2, k / 2, k / 2),
        AttributeProto.Int("count_include_pad", 0));

    /// <summary>Closing (dilate then erode) and opening (erode then dilate) with a k×k square.</summary>
    public string Close(string x, int k) => MinPool(MaxPool(x, k), k);
    public string Open(string x, int k) => MaxPool(MinPool(x, k), k);

    /// <summary>Sum over the spatial axes (and channels when <paramref name="channels"/>), keeping rank 4.</summary>
    public string SumSpatial(string x, bool channels = false) =>
        g.Op("ReduceSum", [x, channels ? g.Int64s(1, 2, 3) : g.Int64s(2, 3)], AttributeProto.Int("keepdims", 1));

    /// <summary>Mean of <paramref name="x"/> over the pixels where <paramref name="weight"/> is 1 (per channel).</summary>
    public string MaskedMean(string x, string weight, string weightSum) => SafeDiv(SumSpatial(Mul(x, weight)), weightSum, 1);

    public string Conv(string x, float[] kernel, long[] kernelDims, float[]? bias = null)
    {
        string w = g.Constant(kernel, kernelDims);
        long pad = kernelDims[2] / 2;
        var attributes = new[] { AttributeProto.Ints("pads", pad, pad, pad, pad) };
        return bias is null
            ? g.Op("Conv", [x, w], attributes)
            : g.Op("Conv", [x, w, g.Constant(bias, bias.Length)], attributes);
    }

    public string Reshape(string x, params long[] shape) => g.Op("Reshape", [x, g.Int64s(shape)]);
    public string Concat(int axis, params string[] xs) => g.Op("Concat", xs, AttributeProto.Int("axis", axis));
}

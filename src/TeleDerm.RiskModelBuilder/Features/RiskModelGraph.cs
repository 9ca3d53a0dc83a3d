using TeleDerm.Inference.Models;
using TeleDerm.RiskModelBuilder.Onnx;

namespace TeleDerm.RiskModelBuilder.Features;

/// <summary>The two graphs the builder writes: image → features (for fitting), and image + age → risk and features (the model).</summary>
internal static class RiskModelGraph
{
    public const string ImageInput = "image";
    public const string AgeInput = "age_years";
    public const string FeaturesOutput = "features";
    public const string RiskOutput = "risk";
    public const string AgeFeature = "age_years";
    public const string AgeMissingFeature = "age_missing";
    public const string Version = "1.0.0";

    /// <summary>Image features only; run through ONNX Runtime to get the training features.</summary>
    public static (byte[] Model, IReadOnlyList<string> FeatureNames) FeatureModel()
    {
        var g = new GraphBuilder("teleDerm-dermoscopy-features");
        var m = new GraphMath(g);
        string image = g.Input(ImageInput, GraphBuilder.FloatType, 1, 3, DermoscopicFeatures.Size, DermoscopicFeatures.Size);
        var (names, vector) = DermoscopicFeatures.Build(m, image);
        g.Output(FeaturesOutput, vector, GraphBuilder.FloatType, 1, names.Count);
        return (g.Build(Version, []).ToByteArray(), names);
    }

    /// <summary>
    /// The served model: the same feature nodes, then age (NaN = unknown → training median plus a missing
    /// indicator), standardization and the logistic head, all inside the graph.
    /// </summary>
    public static byte[] RiskModel(LinearHead head, string modelName)
    {
        var g = new GraphBuilder(modelName);
        var m = new GraphMath(g);
        string image = g.Input(ImageInput, GraphBuilder.FloatType, 1, 3, DermoscopicFeatures.Size, DermoscopicFeatures.Size);
        string age = g.Input(AgeInput, GraphBuilder.FloatType, 1, 1);
        var (names, imageFeatures) = DermoscopicFeatures.Build(m, image);
        string[] expected = [.. names, AgeFeature, AgeMissingFeature];
        if (!expected.SequenceEqual(head.Features))
            throw new InvalidOperationException($"The head was fitted on features [{string.Join(", ", head.Features)}], the graph computes [{string.Join(", ", expected)}].");

        string missing = g.Op("IsNaN", [age]);
        string imputedAge = g.Op("Where", [missing, m.C((float)head.ImputedValues[AgeFeature]), age]);
        string all = m.Concat(1, imageFeatures, imputedAge, m.ToFloat(missing));

        int count = expected.Length;
        string standardized = m.Div(
            m.Sub(all, g.Constant([.. head.Mean.Select(v => (float)v)], 1, count)),
            g.Constant([.. head.Std.Select(v => (float)v)], 1, count));
        string logit = m.Add(
            g.Op("MatMul", [standardized, g.Constant([.. head.Weights.Select(v => (float)v)], count, 1)]),
            g.Constant([(float)head.Intercept], 1, 1));
        g.Output(RiskOutput, g.Op("Sigmoid", [logit]), GraphBuilder.FloatType, 1, 1);
        g.Output(FeaturesOutput, all, GraphBuilder.FloatType, 1, count);
        var metadata = new[] { KeyValuePair.Create("teleDerm.card", modelName + ModelCardReader.CardExtension) };
        return g.Build(Version, metadata).ToByteArray();
    }
}

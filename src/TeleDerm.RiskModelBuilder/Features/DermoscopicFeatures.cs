using TeleDerm.RiskModelBuilder.Onnx;

namespace TeleDerm.RiskModelBuilder.Features;

/// <summary>
/// The image part of the default model: from an RGB tensor [1, 3, S, S] scaled to 0–1 to a vector of
/// named dermoscopic features [1, F] (risk-model-notes.md, "Features"). The names are the contract
/// between the graph, the fitted head and the model card.
/// </summary>
internal static class DermoscopicFeatures
{
    public const int Size = 224;

    /// <summary>log(|x| + offset) keeps zero-valued features (an absent colour) finite.</summary>
    private const float LogOffset = 1e-3f;

    /// <summary>The six dermoscopic reference colours (RGB / 255).</summary>
    private static readonly (string Name, float R, float G, float B)[] ReferenceColours =
    [
        ("white", 255, 255, 255), ("red", 204, 51, 51), ("light_brown", 153, 102, 51),
        ("dark_brown", 51, 0, 0), ("blue_grey", 51, 153, 153), ("black", 0, 0, 0),
    ];

    /// <summary>Adds the feature nodes; returns the feature names and the [1, F] tensor in the same order.</summary>
    public static (IReadOnlyList<string> Names, string Vector) Build(GraphMath m, string image)
    {
        var features = new List<(string Name, string Value)>();
        void Add(string name, string value) => features.Add((name, value));

        float[] luminanceWeights = [0.299f, 0.587f, 0.114f];
        string blurred = m.AvgPool(image, 5);
        string L = m.Conv(blurred, luminanceWeights, [1, 3, 1, 1]);
        string rawL = m.Conv(image, luminanceWeights, [1, 3, 1, 1]);

        var segmentation = new LesionSegmentation(m, Size);
        string mask = segmentation.Build(L);
        string outside = m.Sub(m.C(1), mask);
        string area = m.SumSpatial(mask);
        string safeArea = m.Max(area, m.C(1));
        Add("area", m.Div(area, m.C(Size * Size)));

        // Colour statistics per channel inside the lesion, and contrast with the skin around it.
        string meanIn = m.Div(m.SumSpatial(m.Mul(image, mask)), safeArea);
        string sdIn = m.SafeSqrt(m.Sub(m.Div(m.SumSpatial(m.Mul(m.Square(image), mask)), safeArea), m.Square(meanIn)));
        string meanOut = m.MaskedMean(image, outside, m.SumSpatial(outside));
        string contrast = m.Sub(meanOut, meanIn);
        AddPerChannel(m, features, "mean", meanIn);
        AddPerChannel(m, features, "sd", sdIn);
        AddPerChannel(m, features, "contrast", contrast);

        string skinL = segmentation.SkinLuminance;
        string lesionL = m.Div(m.SumSpatial(m.Mul(L, mask)), safeArea);
        string luminanceContrast = m.Sub(skinL, lesionL);
        Add("skin_luminance", skinL);
        Add("luminance_contrast", m.Div(luminanceContrast, skinL));

        AddColourVariegation(m, features, blurred, mask, safeArea);
        AddAsymmetryAndShape(m, features, segmentation, mask, safeArea, L);
        AddDarkestDecile(m, features, L, mask, area);
        AddBorder(m, features, rawL, mask, safeArea, luminanceContrast);
        AddTexture(m, features, rawL, mask);

        string raw = m.Concat(1, [.. features.Select(f => m.Reshape(f.Value, 1, 1))]);
        // Most features are skewed (areas, ratios, counts): their logarithms, beside the raw values, let a
        // linear head use them on both scales (cross-validated AUC 0.685 → 0.717 image-only when added).
        string logs = m.Builder.Op("Log", [m.Add(m.Abs(raw), m.C(LogOffset))]);
        return ([.. features.Select(f => f.Name), .. features.Select(f => "log_" + f.Name)], m.Concat(1, raw, logs));
    }

    private static void AddPerChannel(GraphMath m, List<(string, string)> features, string prefix, string perChannel)
    {
        string flat = m.Reshape(perChannel, 3);
        string[] channels = ["r", "g", "b"];
        for (int c = 0; c < 3; c++)
            features.Add(($"{prefix}_{channels[c]}", m.Builder.Op("Gather", [flat, m.Builder.Int64s(c)])));
    }

    /// <summary>Fraction of lesion pixels nearest each reference colour; colours present above 5% and 1%.</summary>
    private static void AddColourVariegation(GraphMath m, List<(string, string)> features, string rgb, string mask, string area)
    {
        // |x − c|² = |x|² − 2 c·x + |c|²: one 1×1 convolution for all six colours.
        var kernel = new List<float>();
        var bias = new List<float>();
        foreach (var (_, r, g, b) in ReferenceColours)
        {
            float[] c = [r / 255f, g / 255f, b / 255f];
            kernel.AddRange(c.Select(v => -2 * v));
            bias.Add(c.Sum(v => v * v));
        }
        string norm = m.Builder.Op("ReduceSum", [m.Square(rgb), m.Builder.Int64s(1)], AttributeProto.Int("keepdims", 1));
        string distance = m.Add(m.Conv(rgb, [.. kernel], [ReferenceColours.Length, 3, 1, 1], [.. bias]), norm);
        string nearest = m.Builder.Op("ReduceMin", [distance], AttributeProto.Ints("axes", 1), AttributeProto.Int("keepdims", 1));
        string isNearest = m.ToFloat(m.Builder.Op("Equal", [distance, nearest]));
        string fractions = m.Div(m.SumSpatial(m.Mul(isNearest, mask)), area); // [1, 6, 1, 1]
        string flat = m.Reshape(fractions, ReferenceColours.Length);
        for (int i = 0; i < ReferenceColours.Length; i++)
            features.Add(($"colour_{ReferenceColours[i].Name}", m.Builder.Op("Gather", [flat, m.Builder.Int64s(i)])));
        features.Add(("colours_over_5pct", m.SumSpatial(m.Greater(fractions, m.C(0.05f)), channels: true)));
        features.Add(("colours_over_1pct", m.SumSpatial(m.Greater(fractions, m.C(0.01f)), channels: true)));
    }

    private static void AddAsymmetryAndShape(GraphMath m, List<(string, string)> features, LesionSegmentation s, string mask, string area, string luminance)
    {
        GraphBuilder g = m.Builder;
        string Mismatch(string flipped) => m.Div(m.SumSpatial(m.Abs(m.Sub(mask, flipped))), m.Mul(area, m.C(2)));

        // About the image centre: reverse the columns / rows.
        string Reverse(int axis) => g.Op("Slice", [mask, g.Int64s(-1), g.Int64s(long.MinValue), g.Int64s(axis), g.Int64s(-1)]);
        features.Add(("asymmetry_lr_centre", Mismatch(Reverse(3))));
        features.Add(("asymmetry_ud_centre", Mismatch(Reverse(2))));

        // About the centroid: gather index round(2c − x); reflections that leave the image count as empty.
        string cx = m.Div(m.SumSpatial(m.Mul(mask, s.ColumnIndex)), area);
        string cy = m.Div(m.SumSpatial(m.Mul(mask, s.RowIndex)), area);
        (string Indices, string Inside) Reflection(string centre, string index, long[] validShape)
        {
            string reflected = g.Op("Round", [m.Sub(m.Mul(centre, m.C(2)), index)]);
            string inside = m.Reshape(m.Mul(m.Greater(reflected, m.C(-0.5f)), m.Less(reflected, m.C(Size - 0.5f))), validShape);
            string indices = g.Op("Cast", [m.Reshape(g.Op("Clip", [reflected, m.C(0), m.C(Size - 1)]), Size)], AttributeProto.Int("to", GraphBuilder.Int64Type));
            return (indices, inside);
        }
        string Gather(string x, (string Indices, string Inside) r, int axis) =>
            m.Mul(g.Op("Gather", [x, r.Indices], AttributeProto.Int("axis", axis)), r.Inside);
        var aboutX = Reflection(cx, s.ColumnIndex, [1, 1, 1, Size]);
        var aboutY = Reflection(cy, s.RowIndex, [1, 1, Size, 1]);
        string reflectedLr = Gather(mask, aboutX, 3);
        string reflectedUd = Gather(mask, aboutY, 2);
        string lr = Mismatch(reflectedLr);
        string ud = Mismatch(reflectedUd);
        // Luminance asymmetry: mean |L − reflected L| where the lesion overlaps its own reflection.
        string LuminanceAsymmetry(string reflectedMask, (string, string) r, int axis)
        {
            string overlap = m.Mul(mask, reflectedMask);
            return m.MaskedMean(m.Abs(m.Sub(luminance, Gather(luminance, r, axis))), overlap, m.SumSpatial(overlap));
        }
        features.Add(("luminance_asymmetry_lr", LuminanceAsymmetry(reflectedLr, aboutX, 3)));
        features.Add(("luminance_asymmetry_ud", LuminanceAsymmetry(reflectedUd, aboutY, 2)));
        features.Add(("asymmetry_lr_centroid", lr));
        features.Add(("asymmetry_ud_centroid", ud));
        features.Add(("asymmetry_min", m.Min(lr, ud)));
        features.Add(("asymmetry_sum", m.Add(lr, ud)));

        // Central moments: elongation and lopsidedness of the shape.
        string dx = m.Sub(s.ColumnIndex, cx);
        string dy = m.Sub(s.RowIndex, cy);
        string Moment(string a) => m.Div(m.SumSpatial(m.Mul(mask, a)), area);
        string mu20 = Moment(m.Square(dx));
        string mu02 = Moment(m.Square(dy));
        string mu11 = Moment(m.Mul(dx, dy));
        string mu30 = Moment(m.Mul(m.Square(dx), dx));
        string mu03 = Moment(m.Mul(m.Square(dy), dy));
        string spread = m.Max(m.Add(mu20, mu02), m.C(1e-3f));
        features.Add(("eccentricity", m.Div(m.Sqrt(m.Add(m.Square(m.Sub(mu20, mu02)), m.Mul(m.C(4), m.Square(mu11)))), spread)));
        features.Add(("shape_skew", m.Div(m.Sqrt(m.Add(m.Square(mu30), m.Square(mu03))), m.Mul(spread, m.Sqrt(spread)))));
    }

    /// <summary>The 10th percentile of luminance inside the lesion: TopK of −L over the lesion with k = ⌈A/10⌉.</summary>
    private static void AddDarkestDecile(GraphMath m, List<(string, string)> features, string luminance, string mask, string area)
    {
        GraphBuilder g = m.Builder;
        // Outside the lesion −L is pushed below any lesion value so TopK never picks it.
        string negated = m.Reshape(m.Sub(m.Neg(luminance), m.Mul(m.Sub(m.C(1), mask), m.C(10))), 1, Size * Size);
        string k = g.Op("Cast", [m.Reshape(m.Max(g.Op("Ceil", [m.Mul(area, m.C(0.1f))]), m.C(1)), 1)], AttributeProto.Int("to", GraphBuilder.Int64Type));
        string darkest = g.Op("TopK", [negated, k], outputs: 2, AttributeProto.Int("axis", 1))[0];
        features.Add(("luminance_p10", m.Neg(g.Op("ReduceMin", [darkest], AttributeProto.Ints("axes", 1), AttributeProto.Int("keepdims", 1)))));
    }

    private static string Sobel(GraphMath m, string luminance)
    {
        string gradients = m.Conv(luminance, [-1, 0, 1, -2, 0, 2, -1, 0, 1, -1, -2, -1, 0, 0, 0, 1, 2, 1], [2, 1, 3, 3]);
        return m.Sqrt(m.Builder.Op("ReduceSum", [m.Square(gradients), m.Builder.Int64s(1)], AttributeProto.Int("keepdims", 1)));
    }

    private static void AddBorder(GraphMath m, List<(string, string)> features, string rawL, string mask, string area, string luminanceContrast)
    {
        string perimeter = m.SumSpatial(m.Sub(mask, m.MinPool(mask, 3)));
        features.Add(("compactness", m.Div(m.Square(perimeter), m.Mul(area, m.C(4 * MathF.PI)))));

        string band = m.Sub(m.MaxPool(mask, 3), m.MinPool(mask, 3));
        string bandCount = m.SumSpatial(band);
        string gradient = Sobel(m, m.AvgPool(rawL, 3));
        string mean = m.MaskedMean(gradient, band, bandCount);
        string sd = m.SafeSqrt(m.Sub(m.MaskedMean(m.Square(gradient), band, bandCount), m.Square(mean)));
        features.Add(("border_gradient", mean));
        features.Add(("border_gradient_relative", m.SafeDiv(mean, luminanceContrast, 0.02f)));
        features.Add(("border_gradient_cv", m.SafeDiv(sd, mean, 1e-4f)));
    }

    /// <summary>Texture inside the lesion's core (away from the border).</summary>
    private static void AddTexture(GraphMath m, List<(string, string)> features, string rawL, string mask)
    {
        string core = m.MinPool(mask, 7);
        string count = m.SumSpatial(core);
        features.Add(("texture_gradient", m.MaskedMean(Sobel(m, rawL), core, count)));
        string laplacian = m.Abs(m.Conv(rawL, [0, 1, 0, 1, -4, 1, 0, 1, 0], [1, 1, 3, 3]));
        features.Add(("texture_laplacian", m.MaskedMean(laplacian, core, count)));
        string localMean = m.AvgPool(rawL, 5);
        string localSd = m.SafeSqrt(m.Sub(m.AvgPool(m.Square(rawL), 5), m.Square(localMean)));
        features.Add(("texture_local_sd", m.MaskedMean(localSd, core, count)));
    }
}

using TeleDerm.RiskModelBuilder.Onnx;

namespace TeleDerm.RiskModelBuilder.Features;

/// <summary>
/// The lesion mask against the surrounding skin, as ONNX nodes (risk-model-notes.md, "Lesion mask"):
/// darkness relative to the skin ring, ISODATA threshold, morphological clean-up, the region connected
/// to the centre, holes filled. Every tensor is [1, 1, S, S] unless stated.
/// </summary>
internal sealed class LesionSegmentation(GraphMath m, int size)
{
    private const int RingWidth = 12;
    private const float CentreRadius = 40;
    private const int IsodataIterations = 8;
    private const float MinimumThreshold = 0.06f;
    // MaxPool 5 grows a region by 2 px per step: 60 steps reach 120 px, past the centre from any edge.
    private const int GrowSteps = 60;

    public string ColumnIndex { get; private set; } = "";
    public string RowIndex { get; private set; } = "";
    public string Ring { get; private set; } = "";

    /// <summary>Skin luminance L(s) over the valid ring pixels, [1,1,1,1].</summary>
    public string SkinLuminance { get; private set; } = "";

    /// <summary>The lesion mask, 1 inside, 0 outside.</summary>
    public string Build(string blurredLuminance)
    {
        GraphBuilder g = m.Builder;
        ColumnIndex = g.Constant([.. Enumerable.Range(0, size).Select(i => (float)i)], 1, 1, 1, size);
        RowIndex = g.Constant([.. Enumerable.Range(0, size).Select(i => (float)i)], 1, 1, size, 1);
        float last = size - 1;
        // Distance to the nearest image edge, per pixel; the ring is where it is below RingWidth.
        string edgeX = m.Min(ColumnIndex, m.Sub(m.C(last), ColumnIndex));
        string edgeY = m.Min(RowIndex, m.Sub(m.C(last), RowIndex));
        Ring = m.Less(m.Min(edgeX, edgeY), m.C(RingWidth));

        string L = blurredLuminance;
        // Skip black vignette corners when sampling the skin.
        string skinRing = m.Mul(Ring, m.Greater(L, m.C(0.15f)));
        SkinLuminance = m.Max(m.MaskedMean(L, skinRing, m.SumSpatial(skinRing)), m.C(0.02f));

        // Darkness against the skin after a 9×9 grey closing that removes thin dark hairs.
        string darkness = m.Div(m.Sub(SkinLuminance, m.Close(L, 9)), SkinLuminance);

        string valid = m.Greater(L, m.C(MinimumThreshold));
        string validCount = m.SumSpatial(valid);
        string threshold = m.MaskedMean(darkness, valid, validCount);
        for (int i = 0; i < IsodataIterations; i++)
        {
            string above = m.Mul(m.Greater(darkness, threshold), valid);
            string below = m.Sub(valid, above);
            string meanAbove = m.MaskedMean(darkness, above, m.SumSpatial(above));
            string meanBelow = m.MaskedMean(darkness, below, m.SumSpatial(below));
            threshold = m.Mul(m.Add(meanAbove, meanBelow), m.C(0.5f));
        }
        threshold = m.Max(threshold, m.C(MinimumThreshold));
        string raw = m.Greater(darkness, threshold);
        string cleaned = m.Open(m.Close(raw, 5), 5);

        // Keep what is connected to a central disc; when nothing is, keep the cleaned mask.
        string dx = m.Sub(ColumnIndex, m.C(last / 2));
        string dy = m.Sub(RowIndex, m.C(last / 2));
        string disc = m.Less(m.Add(m.Square(dx), m.Square(dy)), m.C(CentreRadius * CentreRadius));
        string region = m.Mul(disc, cleaned);
        for (int i = 0; i < GrowSteps; i++) region = m.Mul(m.MaxPool(region, 5), cleaned);
        string found = g.Op("Greater", [m.SumSpatial(region), m.C(0)]);
        string lesion = g.Op("Where", [found, region, cleaned]);

        // Fill holes: grow the background in from the ring; whatever it cannot reach is lesion.
        string notLesion = m.Sub(m.C(1), lesion);
        string background = m.Mul(Ring, notLesion);
        for (int i = 0; i < GrowSteps; i++) background = m.Mul(m.MaxPool(background, 5), notLesion);
        return m.Sub(m.C(1), background);
    }
}

using System.Text.Json;

namespace TeleDerm.Inference.Models;

/// <summary>What a card must say to be usable, beyond having every field: consistent names, sizes and thresholds.</summary>
internal static class ModelCardRules
{
    public static List<string> Check(ModelCard card)
    {
        var problems = new List<string>();
        void Require(bool ok, string problem)
        {
            if (!ok) problems.Add(problem);
        }

        Require(!string.IsNullOrWhiteSpace(card.Name), "name is empty");
        Require(!string.IsNullOrWhiteSpace(card.Version), "version is empty");
        foreach (var spec in card.Inputs.Concat(card.Outputs))
        {
            foreach (JsonElement dim in spec.Shape)
            {
                bool valid = dim.ValueKind == JsonValueKind.String ? !string.IsNullOrEmpty(dim.GetString())
                    : dim.ValueKind == JsonValueKind.Number && dim.TryGetInt64(out long d) && d >= 0;
                Require(valid, $"'{spec.Name}' has shape entry {dim.GetRawText()}: use a non-negative integer or a dimension name");
            }
        }
        Require(card.Inputs.Select(i => i.Name).Distinct().Count() == card.Inputs.Count, "inputs: a name appears twice");
        Require(card.Outputs.Select(i => i.Name).Distinct().Count() == card.Outputs.Count, "outputs: a name appears twice");

        ImageInputSpec image = card.Image;
        Require(image.Width > 0 && image.Height > 0, $"image: size {image.Width}×{image.Height} is not positive");
        Require(image.Normalization.Scale > 0, "image.normalization.scale must be positive");
        Require(image.Normalization.Mean.Count == 3, $"image.normalization.mean needs 3 values (R, G, B), has {image.Normalization.Mean.Count}");
        Require(image.Normalization.Std.Count == 3, $"image.normalization.std needs 3 values (R, G, B), has {image.Normalization.Std.Count}");
        Require(image.Normalization.Std.All(s => s > 0), "image.normalization.std values must be positive");
        TensorSpec? imageInput = card.Inputs.FirstOrDefault(i => i.Name == image.Input);
        if (imageInput is null)
        {
            problems.Add($"image.input '{image.Input}' is not among inputs ({Names(card.Inputs)})");
        }
        else
        {
            long?[] expected = image.Layout == TensorLayout.NCHW ? [null, 3, image.Height, image.Width] : [null, image.Height, image.Width, 3];
            bool fits = imageInput.Shape.Count == 4 && expected.Select((e, i) => e is null || Fixed(imageInput.Shape[i]) is not { } d || d == e).All(x => x);
            Require(fits, $"image input {imageInput} does not fit layout {image.Layout} at {image.Width}×{image.Height}");
        }

        foreach (var meta in card.MetadataInputs)
        {
            Require(card.Inputs.Any(i => i.Name == meta.Input), $"metadataInputs: '{meta.Input}' ({meta.Kind}) is not among inputs ({Names(card.Inputs)})");
            Require(!string.IsNullOrWhiteSpace(meta.WhenMissing), $"metadataInputs: '{meta.Input}' must say what the model does when the value is missing (whenMissing)");
        }
        Require(card.MetadataInputs.Select(m => m.Kind).Distinct().Count() == card.MetadataInputs.Count, "metadataInputs: a kind appears twice");

        Require(card.Outputs.Any(o => o.Name == card.Risk.Output), $"risk.output '{card.Risk.Output}' is not among outputs ({Names(card.Outputs)})");
        Require(card.Risk.Index >= 0, "risk.index must not be negative");
        if (card.Features is { } features)
            Require(card.Outputs.Any(o => o.Name == features.Output), $"features.output '{features.Output}' is not among outputs ({Names(card.Outputs)})");

        Require(card.Labels.Count > 0, "labels is empty");
        foreach (string label in card.MalignantLabels.Where(l => !card.Labels.Contains(l)))
            problems.Add($"malignantLabels: '{label}' is not among labels ({string.Join(", ", card.Labels)})");
        Require(card.MalignantLabels.Count > 0, "malignantLabels is empty: the card must say which labels are malignant");

        Require(card.Thresholds.Count > 0, "thresholds is empty: at least one band is needed");
        for (int i = 0; i < card.Thresholds.Count; i++)
        {
            OperatingThreshold t = card.Thresholds[i];
            Require(t.MinimumRisk is >= 0 and <= 1, $"thresholds[{i}] ('{t.Band}'): minimumRisk {t.MinimumRisk} is outside [0, 1]");
            Require(t.Sensitivity is null or (>= 0 and <= 1) && t.Specificity is null or (>= 0 and <= 1), $"thresholds[{i}] ('{t.Band}'): sensitivity and specificity must be within [0, 1]");
            if (i > 0)
                Require(t.MinimumRisk > card.Thresholds[i - 1].MinimumRisk, $"thresholds[{i}] ('{t.Band}'): minimumRisk must increase from one band to the next");
        }
        if (card.Thresholds.Count > 0)
            Require(card.Thresholds[0].MinimumRisk == 0, $"thresholds[0] ('{card.Thresholds[0].Band}') must start at minimumRisk 0 so every risk has a band");
        Require(card.Thresholds.Select(t => t.Band).Distinct().Count() == card.Thresholds.Count, "thresholds: a band name appears twice");
        return problems;
    }

    internal static long? Fixed(JsonElement dim) => dim.ValueKind == JsonValueKind.Number && dim.TryGetInt64(out long d) ? d : null;

    private static string Names(IEnumerable<TensorSpec> specs) => string.Join(", ", specs.Select(s => s.Name));
}

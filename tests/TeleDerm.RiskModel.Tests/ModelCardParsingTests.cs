using System.Text.Json.Nodes;
using TeleDerm.Inference.Models;

namespace TeleDerm.RiskModel.Tests;

public sealed class ModelCardParsingTests
{
    private static string Edited(Action<JsonObject> edit)
    {
        var card = JsonNode.Parse(TinyModels.MeanModelCard)!.AsObject();
        edit(card);
        return card.ToJsonString();
    }

    private static string ParseFails(string json) =>
        Assert.Throws<ModelCardException>(() => ModelCardReader.Parse(json, "test.card.json")).Message;

    [Fact]
    public void A_complete_card_is_read_with_its_inputs_thresholds_and_metadata()
    {
        ModelCard card = ModelCardReader.Parse(TinyModels.MeanModelCard);

        Assert.Equal("tiny-mean", card.Name);
        Assert.Equal(TensorLayout.NCHW, card.Image.Layout);
        Assert.Equal(MetadataKind.AgeYears, card.MetadataInputs.Single().Kind);
        Assert.Equal(RiskReadoutKind.Probability, card.Risk.Kind);
        Assert.Equal(["low", "high"], card.Thresholds.Select(t => t.Band));
    }

    [Fact]
    public void The_committed_default_card_is_valid_and_round_trips()
    {
        ModelCard card = ModelCardReader.ReadFile(RepoPaths.DefaultCard);

        Assert.Equal(File.ReadAllText(RepoPaths.DefaultCard), ModelCardReader.ToJson(card));
        Assert.Equal(card.Features!.Names, card.LinearHead!.Features);
    }

    [Fact]
    public void Text_that_is_not_json_names_the_file_and_the_position()
    {
        string message = ParseFails("{ \"name\": ");

        Assert.Contains("test.card.json: not a valid model card", message, StringComparison.Ordinal);
        Assert.Contains("LineNumber", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        string message = ParseFails(Edited(c => c.Remove("version")));

        Assert.Contains("version", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_required_field_is_refused()
    {
        string message = ParseFails(Edited(c => c["intendedUse"] = null));

        Assert.Contains("intendedUse", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_refused_so_that_typos_do_not_pass_silently()
    {
        string message = ParseFails(Edited(c => c["treshholds"] = new JsonArray()));

        Assert.Contains("treshholds", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_layout_or_readout_kind_is_refused()
    {
        Assert.Contains("$.image.layout", ParseFails(Edited(c => c["image"]!["layout"] = "CHWN")), StringComparison.Ordinal);
        Assert.Contains("$.risk.kind", ParseFails(Edited(c => c["risk"]!["kind"] = "argmax")), StringComparison.Ordinal);
        Assert.Contains("$.image.layout", ParseFails(Edited(c => c["image"]!["layout"] = 0)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_inconsistency_is_listed_at_once()
    {
        string message = ParseFails(Edited(c =>
        {
            c["image"]!["input"] = "pixels";
            c["risk"]!["output"] = "probability";
            c["malignantLabels"] = new JsonArray("melanoma");
            c["image"]!["normalization"]!["std"] = new JsonArray(1, 0);
        }));

        Assert.Contains("image.input 'pixels' is not among inputs (image, age)", message, StringComparison.Ordinal);
        Assert.Contains("risk.output 'probability' is not among outputs (score, age_out)", message, StringComparison.Ordinal);
        Assert.Contains("malignantLabels: 'melanoma' is not among labels (benign, malignant)", message, StringComparison.Ordinal);
        Assert.Contains("std needs 3 values", message, StringComparison.Ordinal);
        Assert.Contains("std values must be positive", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_must_start_at_zero_and_increase()
    {
        string message = ParseFails(Edited(c => c["thresholds"] = JsonNode.Parse("""
            [ { "band": "low", "minimumRisk": 0.1, "sensitivity": 1, "specificity": 0 },
              { "band": "high", "minimumRisk": 0.05, "sensitivity": 1.2, "specificity": 0 } ]
            """)));

        Assert.Contains("must start at minimumRisk 0", message, StringComparison.Ordinal);
        Assert.Contains("minimumRisk must increase", message, StringComparison.Ordinal);
        Assert.Contains("sensitivity and specificity must be within [0, 1]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_input_whose_shape_does_not_fit_the_layout_and_size_is_refused()
    {
        string message = ParseFails(Edited(c => c["image"]!["layout"] = "NHWC"));

        Assert.Contains("does not fit layout NHWC at 8×8", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metadata_input_must_be_a_declared_input_and_say_what_happens_when_missing()
    {
        string message = ParseFails(Edited(c =>
        {
            c["metadataInputs"]![0]!["input"] = "age_years";
            c["metadataInputs"]![0]!["whenMissing"] = " ";
        }));

        Assert.Contains("'age_years' (AgeYears) is not among inputs", message, StringComparison.Ordinal);
        Assert.Contains("must say what the model does when the value is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_or_fractional_dimension_is_refused()
    {
        string message = ParseFails(Edited(c => c["outputs"]![0]!["shape"] = new JsonArray(-1, 1.5)));

        Assert.Contains("'score' has shape entry -1", message, StringComparison.Ordinal);
        Assert.Contains("'score' has shape entry 1.5", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_file_that_does_not_exist_says_where_it_was_expected()
    {
        var e = Assert.Throws<ModelCardException>(() => ModelCardReader.ReadFile("/nonexistent/x.card.json"));

        Assert.Contains("/nonexistent/x.card.json", e.Message, StringComparison.Ordinal);
    }
}

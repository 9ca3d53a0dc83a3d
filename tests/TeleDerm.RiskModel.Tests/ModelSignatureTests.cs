using System.Text.Json.Nodes;
using TeleDerm.Inference.Models;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModel.Tests;

/// <summary>The card is checked against the model's real signature at load; a mismatch says exactly what differs.</summary>
public sealed class ModelSignatureTests : IDisposable
{
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    private string LoadFails(Action<JsonObject> edit)
    {
        var card = JsonNode.Parse(TinyModels.MeanModelCard)!.AsObject();
        edit(card);
        string path = _models.Write("tiny", TinyModels.MeanModel(), card.ToJsonString());
        return Assert.Throws<ModelSignatureMismatchException>(() => RiskScorer.Load(path)).Message;
    }

    [Fact]
    public void A_card_that_matches_loads()
    {
        using var scorer = RiskScorer.Load(_models.Write("tiny", TinyModels.MeanModel(), TinyModels.MeanModelCard));

        Assert.Equal("tiny-mean", scorer.Card.Name);
    }

    [Fact]
    public void An_input_the_model_does_not_have_is_named_with_the_models_inputs()
    {
        string message = LoadFails(c =>
        {
            c["inputs"]![1]!["name"] = "age_years";
            c["metadataInputs"]![0]!["input"] = "age_years";
        });

        Assert.Contains("the card declares input 'age_years', the model has no such input (its inputs: image, age)", message, StringComparison.Ordinal);
        Assert.Contains("the model has input 'age' (age: Float[1, 1]), which the card does not declare", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_element_type_is_named()
    {
        string message = LoadFails(c => c["outputs"]![1]!["elementType"] = "double");

        Assert.Contains("output 'age_out': element type is float in the model, double in the card", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_fixed_dimension_is_named_with_both_shapes()
    {
        string message = LoadFails(c =>
        {
            c["inputs"]![0]!["shape"] = new JsonArray("batch", 3, 16, 16);
            c["image"]!["width"] = 16;
            c["image"]!["height"] = 16;
        });

        Assert.Contains("input 'image' dimension 2: the model has 8, the card 16 (model [batch, 3, 8, 8], card [batch, 3, 16, 16])", message, StringComparison.Ordinal);
        Assert.Contains("input 'image' dimension 3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_dimension_where_the_model_has_a_symbolic_one_is_named_and_vice_versa()
    {
        string message = LoadFails(c =>
        {
            c["inputs"]![0]!["shape"] = new JsonArray(1, 3, 8, 8);
            c["outputs"]![1]!["shape"] = new JsonArray("batch", 1);
        });

        Assert.Contains("input 'image' dimension 0: the model has symbolic ('batch'), the card 1", message, StringComparison.Ordinal);
        Assert.Contains("output 'age_out' dimension 0: the model has fixed size 1, the card a symbolic 'batch'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_rank_is_named()
    {
        string message = LoadFails(c => c["outputs"]![0]!["shape"] = new JsonArray("batch"));

        Assert.Contains("output 'score': the model has 2 dimensions [batch, 1], the card 1 [batch]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_names_the_model_and_its_file()
    {
        string message = LoadFails(c => c["outputs"]![1]!["elementType"] = "int64");

        Assert.Contains("The card of model 'tiny-mean' 0.1.0 does not match", message, StringComparison.Ordinal);
        Assert.Contains("tiny.onnx", message, StringComparison.Ordinal);
    }
}

using TeleDerm.Inference.Models;
using TeleDerm.RiskModelBuilder;
using TeleDerm.RiskModelBuilder.Features;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModel.Tests;

public sealed class DefaultModelTests
{
    [Fact]
    public void The_default_model_scores_a_real_dermoscopic_image_with_a_risk_and_its_features()
    {
        using var scorer = RiskScorer.Load(RepoPaths.DefaultModel);
        byte[] photo = File.ReadAllBytes(RepoPaths.DermoscopyImage("ISIC_0000148"));

        RiskResult withAge = scorer.Score(photo, new PatientMetadata(AgeYears: 70));
        RiskResult withoutAge = scorer.Score(photo);

        Assert.Equal(("teleDerm-dermoscopy-features", "1.0.0"), (withAge.ModelName, withAge.ModelVersion));
        Assert.InRange(withAge.Risk, 0, 1);
        Assert.Contains(withAge.Band, scorer.Card.Thresholds.Select(t => t.Band));
        Assert.Equal(scorer.Card.Features!.Names, withAge.Features.Select(f => f.Key));
        Assert.All(withAge.Features, f => Assert.True(double.IsFinite(f.Value), $"{f.Key} = {f.Value}"));
        Assert.InRange(withAge.Features.Single(f => f.Key == "area").Value, 0.01, 1);
        Assert.Equal(70, withAge.Features.Single(f => f.Key == "age_years").Value);
        Assert.Equal(1, withoutAge.Features.Single(f => f.Key == "age_missing").Value);
        Assert.Equal(scorer.Card.LinearHead!.ImputedValues["age_years"], withoutAge.Features.Single(f => f.Key == "age_years").Value);
        Assert.NotEqual(withAge.Risk, withoutAge.Risk);
    }

    [Fact]
    public void The_committed_model_is_the_graph_rebuilt_from_its_cards_head()
    {
        ModelCard card = ModelCardReader.ReadFile(RepoPaths.DefaultCard);

        byte[] rebuilt = RiskModelGraph.RiskModel(card.LinearHead!, card.Name);

        Assert.True(rebuilt.AsSpan().SequenceEqual(File.ReadAllBytes(RepoPaths.DefaultModel)),
            "models/teleDerm-dermoscopy-features-v1.onnx differs from the graph the builder writes: regenerate it (docs in src/TeleDerm.RiskModelBuilder/README.md)");
    }

    [Fact]
    public void The_builder_regenerates_the_committed_model_and_card_byte_for_byte()
    {
        var built = DefaultModelBuilder.Build(new BuilderOptions(RepoPaths.DermoscopyData, "unused"), TextWriter.Null);

        Assert.Equal(File.ReadAllText(RepoPaths.DefaultCard), built.CardJson);
        Assert.True(built.Model.AsSpan().SequenceEqual(File.ReadAllBytes(RepoPaths.DefaultModel)), "the regenerated .onnx differs from the committed one");
    }
}

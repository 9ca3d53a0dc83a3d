using TeleDerm.RiskScoring;
using Xunit.Abstractions;

namespace TeleDerm.SampleImages.Tests;

/// <summary>
/// The bundled risk model (fitted on real ISIC dermoscopy) looking at the synthetic images: a check that the
/// suspicious look carries the features the model learnt, not a claim about the model.
/// </summary>
[Collection(DefaultSampleSetCollection.Name)]
public sealed class RiskModelTests(DefaultSampleSet fixture, ITestOutputHelper output)
{
    [Fact]
    public void The_bundled_model_gives_suspicious_dermoscopic_images_a_higher_mean_risk_than_benign_ones()
    {
        using RiskScorer scorer = RiskScorer.Load(RepoPaths.DefaultModel);
        var risks = new Dictionary<string, List<double>> { ["benign"] = [], ["suspicious"] = [] };
        foreach (SampleLesion lesion in fixture.Set.Manifest.Lesions)
            foreach (SampleImage image in lesion.Visits.SelectMany(v => v.Images).Where(i => i.Kind == "dermoscopic"))
            {
                double risk = scorer.Score(fixture.Content(image.File)).Risk;
                risks[lesion.Appearance].Add(risk);
                output.WriteLine($"{image.File} {lesion.Appearance,-10} risk {risk:0.000}");
            }

        double benign = risks["benign"].Average(), suspicious = risks["suspicious"].Average();
        output.WriteLine($"mean risk: benign {benign:0.000} (n={risks["benign"].Count}), suspicious {suspicious:0.000} (n={risks["suspicious"].Count})");
        Assert.True(suspicious > benign, $"mean risk suspicious {suspicious:0.000} ≤ benign {benign:0.000}");
    }
}

using TeleDerm.Core.Cases;

namespace TeleDerm.Web.Features.Scoring;

public static class ModelBands
{
    /// <summary>
    /// The risk bands of the active model's card (its "intermediate" and "high" thresholds), so the worklist
    /// says what the model's validation supports; the defaults when no model can be loaded.
    /// </summary>
    public static async Task<RiskBands> ForActiveAsync(ActiveRiskModel model)
    {
        try
        {
            var thresholds = (await model.ScorerAsync()).Card.Thresholds;
            var intermediate = thresholds.FirstOrDefault(t => t.Band == "intermediate")?.MinimumRisk;
            var high = thresholds.FirstOrDefault(t => t.Band == "high")?.MinimumRisk;
            return intermediate is { } i && high is { } h ? new RiskBands(i, h) : new RiskBands();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new RiskBands();
        }
    }
}

namespace TeleDerm.Web.Features.Scoring;

/// <summary>
/// Loads the active model when the app starts, so that a card that does not match its model is
/// reported at once (in the log, and on the admin Risk models page) rather than at the first photo.
/// A failure stops scoring only: the app and intake keep running.
/// </summary>
public sealed class RiskModelStartupCheck(ActiveRiskModel model, ILogger<RiskModelStartupCheck> logger) : BackgroundService
{
    public string? Problem { get; private set; }

    public bool Completed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var scorer = await model.ScorerAsync(stoppingToken);
            logger.LogInformation("Risk model checked at start-up: {Name} {Version}", scorer.Card.Name, scorer.Card.Version);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Problem = ex.Message;
            logger.LogError(ex, "The active risk model cannot be used; images will not be scored until an administrator fixes it: {Problem}", ex.Message);
        }
        finally
        {
            Completed = true;
        }
    }
}

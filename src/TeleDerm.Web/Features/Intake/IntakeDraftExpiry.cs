namespace TeleDerm.Web.Features.Intake;

/// <summary>Deletes expired intake drafts every hour (a draft opened after expiry is deleted on the spot as well).</summary>
public sealed class IntakeDraftExpiry(IntakeDrafts drafts, TimeProvider clock, ILogger<IntakeDraftExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        try
        {
            do
            {
                try
                {
                    if (await drafts.DeleteExpiredAsync(stoppingToken) is > 0 and var deleted)
                    {
                        logger.LogInformation("Deleted {Count} expired intake drafts", deleted);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Could not delete expired intake drafts");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}

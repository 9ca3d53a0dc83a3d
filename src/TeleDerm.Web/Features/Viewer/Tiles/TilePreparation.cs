namespace TeleDerm.Web.Features.Viewer.Tiles;

/// <summary>
/// Makes the tiles of newly stored photos, one photo at a time so that it never takes more than one core from
/// the people using the app; a photo that cannot be tiled is logged and left to be tried at its first view.
/// </summary>
public sealed class TilePreparation(ViewerTiles tiles, ILogger<TilePreparation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var image in tiles.Waiting.ReadAllAsync(stoppingToken))
            {
                if (tiles.IsMade(image))
                {
                    continue;
                }
                try
                {
                    await tiles.PackAsync(image, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The tiles of image {ImageId} could not be made in the background", image.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

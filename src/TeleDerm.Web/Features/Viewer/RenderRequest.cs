using System.Globalization;

namespace TeleDerm.Web.Features.Viewer;

/// <summary>
/// What a WADO-RS rendered or thumbnail request asks for (PS3.18 8.3.5.1): a viewport (vw,vh) the image
/// is shrunk to fit, never enlarged, and a JPEG quality. No viewport and no quality on a JPEG instance
/// means the stored bytes themselves.
/// </summary>
public sealed record RenderRequest(int? ViewportWidth, int? ViewportHeight, int? Quality)
{
    public const int DefaultThumbnailSize = 256;
    public const int MaxThumbnailSize = 512;
    public const int MaxViewport = 8192;
    public const int DefaultQuality = 90;

    public bool IsOriginal => ViewportWidth is null && Quality is null;

    /// <summary>Parses the query; on failure returns null and a message that says which parameter is wrong and what is accepted.</summary>
    public static RenderRequest? Parse(string? viewport, string? quality, out string? error)
    {
        error = null;
        int? width = null, height = null, q = null;
        if (!string.IsNullOrEmpty(viewport))
        {
            var parts = viewport.Split(',');
            if (parts.Length == 6)
            {
                error = "viewport: source regions (vw,vh,sx,sy,sw,sh) are not supported; give vw,vh.";
                return null;
            }
            if (parts.Length != 2 || !TryPositive(parts[0], MaxViewport, out var w) || !TryPositive(parts[1], MaxViewport, out var h))
            {
                error = $"viewport must be two whole numbers of pixels from 1 to {MaxViewport}, as vw,vh (for example 512,512).";
                return null;
            }
            (width, height) = (w, h);
        }
        if (!string.IsNullOrEmpty(quality))
        {
            if (!TryPositive(quality, 100, out var value))
            {
                error = "quality must be a whole number from 1 to 100.";
                return null;
            }
            q = value;
        }
        return new RenderRequest(width, height, q);
    }

    private static bool TryPositive(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;

    /// <summary>The same request as a stable text, for cache keys and ETags.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{ViewportWidth}x{ViewportHeight}q{Quality}");
}

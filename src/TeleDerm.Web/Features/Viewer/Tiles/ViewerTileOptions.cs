using System.ComponentModel.DataAnnotations;

namespace TeleDerm.Web.Features.Viewer.Tiles;

/// <summary>Configuration section "TeleDerm:Viewer:Tiles": the viewer's tile cache in the data folder.</summary>
public sealed class ViewerTileOptions
{
    public const string Section = "TeleDerm:Viewer:Tiles";

    /// <summary>
    /// Disk the tiles may use ("tiles" in the data folder). A 12-megapixel photo's tiles take about 1.2 times its
    /// JPEG (4–7 MB): the default keeps those of about 400 such photos; the least recently viewed go first, and a
    /// photo whose tiles were evicted has them made again at its next view (about a second of one core).
    /// </summary>
    [Range(64, 1_000_000, ErrorMessage = "TeleDerm:Viewer:Tiles:CacheMegabytes must be between 64 and 1000000.")]
    public long CacheMegabytes { get; set; } = 2048;
}

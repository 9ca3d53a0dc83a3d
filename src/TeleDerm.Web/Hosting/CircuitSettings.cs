using System.ComponentModel.DataAnnotations;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// Configuration section "TeleDerm:Circuits": how long and how much the server keeps for each open page (a Blazor
/// circuit) and its connection. The defaults suit a clinic: Wi-Fi that drops while a dermatologist walks between
/// rooms, laptops closed for a few minutes, a department's worth of open pages per instance. What is typed in an
/// answer is kept in the browser anyway, so a page whose circuit was let go reloads with it (docs/operations.md).
/// </summary>
public sealed class CircuitSettings
{
    public const string Section = TeleDermOptions.Section + ":Circuits";

    /// <summary>How long a page that lost its connection is kept for its browser to come back to (Blazor default 3 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "TeleDerm:Circuits:DisconnectedRetention must be between 0 and 1 hour.")]
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many disconnected pages are kept at once, per instance (the oldest go first; Blazor default 100).</summary>
    [Range(0, 10_000, ErrorMessage = "TeleDerm:Circuits:MaxDisconnectedRetained must be between 0 and 10000.")]
    public int MaxDisconnectedRetained { get; set; } = 200;

    /// <summary>Screen updates sent to a slow browser and not yet acknowledged before the server waits for it (Blazor default 10).</summary>
    [Range(1, 100, ErrorMessage = "TeleDerm:Circuits:MaxBufferedRenderBatches must be between 1 and 100.")]
    public int MaxBufferedRenderBatches { get; set; } = 10;

    /// <summary>
    /// Without a message from the browser for this long, the connection is taken as lost (SignalR default 30 s). At
    /// least 30 s: the browser pings every 15 s, and one late ping must not cut a page off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00", ErrorMessage = "TeleDerm:Circuits:ClientTimeout must be between 30 seconds and 10 minutes.")]
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest message a browser may send (SignalR default 32 KB). Photos do not go through it (uploads are
    /// streamed in chunks); a larger message is refused and closes that page's connection.
    /// </summary>
    [Range(4 * 1024, 1024 * 1024, ErrorMessage = "TeleDerm:Circuits:MaxReceiveMessageBytes must be between 4 KB and 1 MB.")]
    public int MaxReceiveMessageBytes { get; set; } = 32 * 1024;
}

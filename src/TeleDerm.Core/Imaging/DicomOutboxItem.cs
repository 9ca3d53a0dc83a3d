namespace TeleDerm.Core.Imaging;

/// <summary>
/// An instance waiting to be delivered to a remote image store. The bytes lie in a file under the data
/// folder (written before this row), so a store that is down or a restart loses nothing.
/// </summary>
public sealed class DicomOutboxItem
{
    public Guid Id { get; set; }
    public string SopInstanceUid { get; set; } = "";

    /// <summary>Path of the kept instance relative to the outbox folder.</summary>
    public string RelativePath { get; set; } = "";
    public DateTime EnqueuedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>The remote store refused the instance itself (not a transient failure): no more attempts.</summary>
    public bool IsRejected { get; set; }
}

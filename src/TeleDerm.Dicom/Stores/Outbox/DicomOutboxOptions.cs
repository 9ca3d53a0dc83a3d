namespace TeleDerm.Dicom.Stores.Outbox;

public sealed record DicomOutboxOptions
{
    /// <summary>Wait before the second attempt; each later failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest sleep with nothing due, so entries added by another process are seen.</summary>
    public TimeSpan IdlePollInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; init; } = 50;

    /// <summary>
    /// How long an instance holds the entry it is sending before another may take it (one that died leaves it):
    /// longer than one delivery can take (the DICOMweb timeout). A delivery slower than this may be sent twice:
    /// the PACS stores a SOP instance once.
    /// </summary>
    public TimeSpan Claim { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Exponential back-off: attempt 1 failed → FirstRetryDelay, 2 → twice that, ... capped.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = FirstRetryDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}

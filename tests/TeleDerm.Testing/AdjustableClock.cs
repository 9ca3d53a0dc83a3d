namespace TeleDerm.Testing;

/// <summary>A TimeProvider whose "now" tests move forward by hand, instead of sleeping.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public AdjustableClock() : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

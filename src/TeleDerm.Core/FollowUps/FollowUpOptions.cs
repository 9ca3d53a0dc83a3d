namespace TeleDerm.Core.FollowUps;

/// <summary>
/// When a follow-up counts as on time, late or lost (section "TeleDerm:FollowUps"). A follow-up asked "in 3 months"
/// is rarely sent on the very day: sent within <see cref="OnTimeDays"/> after its due date it is on time; not sent
/// <see cref="LostAfterDays"/> after it, the department counts it lost (the GP still sees it, and can still send it).
/// </summary>
public sealed class FollowUpOptions
{
    public const string Section = "TeleDerm:FollowUps";

    public int OnTimeDays { get; set; } = 30;
    public int LostAfterDays { get; set; } = 90;

    /// <summary>The zone whose calendar days the due dates are (the institution's, set by the host).</summary>
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    public DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow().UtcDateTime);

    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));
}

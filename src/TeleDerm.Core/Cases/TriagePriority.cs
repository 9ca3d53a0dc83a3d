namespace TeleDerm.Core.Cases;

/// <summary>Service levels: how long each urgency may wait for an answer. Configuration section "TeleDerm:ServiceLevels".</summary>
public sealed class ServiceLevels
{
    public const string Section = "TeleDerm:ServiceLevels";

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:10:00", "365.00:00:00")]
    public TimeSpan Urgent { get; set; } = TimeSpan.FromHours(24);
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:10:00", "365.00:00:00")]
    public TimeSpan Soon { get; set; } = TimeSpan.FromHours(72);
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:10:00", "365.00:00:00")]
    public TimeSpan Routine { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan For(Urgency urgency) => urgency switch
    {
        Urgency.Urgent => Urgent,
        Urgency.Soon => Soon,
        _ => Routine,
    };
}

/// <summary>
/// The worklist order. Each submitted case gets a priority deadline: the moment it is due under the
/// service level of its urgency, brought forward by up to half that time as the model's risk rises:
///
///     priority due = submitted + target(urgency) × (1 − ½ × risk)
///
/// The worklist lists open cases by that deadline, earliest first. It mixes the three signals in one
/// number that a database can index: urgency sets the target, risk shortens it, and time waited is
/// implicit (an older case has an earlier deadline). A case not scored yet counts as risk ½, so that
/// waiting for the model neither hides nor promotes it. A high-risk routine case (7 days × ½ = 3.5 days)
/// still ranks after a fresh urgent one (24 h) unless it has already waited long.
/// </summary>
public static class TriagePriority
{
    public const double UnscoredRisk = 0.5;

    public static DateTime ServiceDue(DateTime submittedAtUtc, Urgency urgency, ServiceLevels levels) =>
        submittedAtUtc + levels.For(urgency);

    public static DateTime PriorityDue(DateTime submittedAtUtc, Urgency urgency, double? risk, ServiceLevels levels)
    {
        var r = Math.Clamp(risk ?? UnscoredRisk, 0, 1);
        return submittedAtUtc + levels.For(urgency) * (1 - 0.5 * r);
    }

    /// <summary>Recomputes the stored deadlines of a submitted case (after submission, a new score, a change of urgency).</summary>
    public static void Update(TeleExpertiseCase @case, ServiceLevels levels)
    {
        if (@case.SubmittedAtUtc is not { } submitted)
        {
            @case.ServiceDueAtUtc = @case.PriorityDueAtUtc = null;
            return;
        }
        @case.ServiceDueAtUtc = ServiceDue(submitted, @case.Urgency, levels);
        @case.PriorityDueAtUtc = PriorityDue(submitted, @case.Urgency, @case.MaxRisk, levels);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.FollowUps;

/// <summary>What the answer asks the GP to do after the report.</summary>
public enum GpTaskKind
{
    /// <summary>New photos of the same lesions on <see cref="GpTask.DueOn"/>: done by the follow-up request that sends them.</summary>
    PhotoFollowUp = 1,
    /// <summary>An excision or a biopsy to arrange (with the referral letter): booked, then done.</summary>
    ExcisionOrBiopsy = 2,
    /// <summary>A consultation with a dermatologist to arrange: booked, then done.</summary>
    InPersonVisit = 3,
}

/// <summary>Where a task stands; what is late or lost is computed from <see cref="GpTask.DueOn"/> (<see cref="GpTaskState"/>).</summary>
public enum GpTaskStatus
{
    Open = 0,
    /// <summary>The GP recorded that the excision or consultation is booked; it stays on their list until done.</summary>
    Booked = 1,
    Done = 2,
}

/// <summary>
/// Something the signed answer of a request asks the GP to do: send new photos in N months, or arrange an excision
/// or a consultation. Written with the report (in its transaction), shown first on the GP's <i>My requests</i> until
/// done, counted on the dashboard (due, done on time, late, lost).
/// </summary>
public sealed class GpTask
{
    public Guid Id { get; set; }
    /// <summary>The answered request that asked for it.</summary>
    public Guid CaseId { get; set; }
    public Guid PracticeId { get; set; }
    public Guid DepartmentId { get; set; }
    public Guid PatientId { get; set; }
    /// <summary>The GP who sent the request: the one told when it falls due.</summary>
    public string GpUserId { get; set; } = "";
    public GpTaskKind Kind { get; set; }
    /// <summary>The day it should be done: the answer's day plus the follow-up interval, or the answer's day for the others.</summary>
    public DateOnly DueOn { get; set; }
    public GpTaskStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? BookedAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    /// <summary>For a photo follow-up: the request that sent the new photos.</summary>
    public Guid? FollowUpCaseId { get; set; }
}

internal sealed class GpTaskConfiguration : IEntityTypeConfiguration<GpTask>
{
    public void Configure(EntityTypeBuilder<GpTask> task)
    {
        task.ToTable("GpTasks");
        task.HasKey(t => t.Id);
        task.Property(t => t.GpUserId).HasMaxLength(450);
        // One task per answered request: a second try at signing adds nothing.
        task.HasIndex(t => t.CaseId).IsUnique();
        // The GP's list and the practice's open tasks; the dashboard's tasks due in a period.
        task.HasIndex(t => new { t.PracticeId, t.Status, t.DueOn });
        task.HasIndex(t => new { t.DepartmentId, t.DueOn });
    }
}

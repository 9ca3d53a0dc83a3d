using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Billing;

/// <summary>Who an act is billed by.</summary>
public enum ActRole
{
    /// <summary>The dermatologist asked for an opinion (médecin requis).</summary>
    Requested = 1,
    /// <summary>The GP who asked (médecin requérant).</summary>
    Requesting = 2,
}

/// <summary>
/// What one tele-expertise is billed, or why it is not: written with the signed report (or with the cancellation or
/// conversion that ends the request unanswered), never changed afterwards, at most one per request and role.
/// </summary>
public sealed class BillableAct
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PatientId { get; set; }
    public Guid DepartmentId { get; set; }
    /// <summary>Null for a request cancelled before any dermatologist claimed it.</summary>
    public string? PractitionerUserId { get; set; }
    public ActRole Role { get; set; }
    public string Code { get; set; } = "";
    /// <summary>In hundredths of <see cref="Currency"/> (exact sums on every database).</summary>
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "";
    public DateTime AtUtc { get; set; }
    /// <summary>Null when billable; else one of <see cref="NotBillable"/>.</summary>
    public string? NotBillableReason { get; set; }
}

/// <summary>Why an act is not billable (texts "Billing.NotBillable.{reason}").</summary>
public static class NotBillable
{
    public const string Cancelled = "Cancelled";
    public const string ConvertedToAppointment = "ConvertedToAppointment";
    public const string OverYearlyLimit = "OverYearlyLimit";
}

internal sealed class BillableActConfiguration : IEntityTypeConfiguration<BillableAct>
{
    public void Configure(EntityTypeBuilder<BillableAct> act)
    {
        act.ToTable("BillableActs");
        act.HasKey(a => a.Id);
        act.Property(a => a.PractitionerUserId).HasMaxLength(450);
        act.Property(a => a.Code).HasMaxLength(20);
        act.Property(a => a.Currency).HasMaxLength(3);
        act.Property(a => a.NotBillableReason).HasMaxLength(40);
        // One act per request and role: an addendum, or a second try at signing, bills nothing more.
        act.HasIndex(a => new { a.CaseId, a.Role }).IsUnique();
        // The yearly limit's count, and the monthly statement.
        act.HasIndex(a => new { a.PatientId, a.PractitionerUserId, a.Role, a.AtUtc });
        act.HasIndex(a => new { a.DepartmentId, a.AtUtc });
    }
}

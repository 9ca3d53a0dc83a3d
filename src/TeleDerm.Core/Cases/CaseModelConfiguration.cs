using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Cases;

// EF Core mapping of the case domain. Kept beside the domain (not in TeleDermDbContext) so each feature
// owns its tables; TeleDermDbContext applies every configuration of this assembly.
// Ids are always assigned in code (Guid.NewGuid()), hence ValueGeneratedNever: EF then knows that an
// entity it discovers in a collection (a new transition, a new message) is to be inserted, not updated.

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> patient)
    {
        patient.ToTable("Patients");
        patient.Property(p => p.Id).ValueGeneratedNever();
        patient.Property(p => p.FamilyName).HasMaxLength(100);
        patient.Property(p => p.GivenName).HasMaxLength(100);
        patient.Property(p => p.NationalHealthId).HasMaxLength(32);
        patient.Property(p => p.Phone).HasMaxLength(32);
        patient.Property(p => p.Email).HasMaxLength(256);
        // NULLs do not collide in a unique index on either provider: patients without an identifier are fine.
        // A patient record is its practice's: the identifier is unique within a practice, and GPs search only there.
        patient.HasIndex(p => new { p.PracticeId, p.NationalHealthId }).IsUnique();
        patient.HasIndex(p => new { p.PracticeId, p.FamilyName, p.BirthDate });
    }
}

internal sealed class LesionConfiguration : IEntityTypeConfiguration<Lesion>
{
    public void Configure(EntityTypeBuilder<Lesion> lesion)
    {
        lesion.ToTable("Lesions");
        lesion.Property(l => l.Id).ValueGeneratedNever();
        lesion.Property(l => l.BodySiteCode).HasMaxLength(32);
        lesion.Property(l => l.Description).HasMaxLength(500);
        lesion.Property(l => l.TrackingUid).HasMaxLength(64);
        lesion.HasIndex(l => l.TrackingUid).IsUnique();
        lesion.HasOne(l => l.Patient).WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LesionImageConfiguration : IEntityTypeConfiguration<LesionImage>
{
    public void Configure(EntityTypeBuilder<LesionImage> image)
    {
        image.ToTable("LesionImages");
        image.Property(i => i.Id).ValueGeneratedNever();
        image.Property(i => i.StudyInstanceUid).HasMaxLength(64);
        image.Property(i => i.SeriesInstanceUid).HasMaxLength(64);
        image.Property(i => i.SopInstanceUid).HasMaxLength(64);
        image.Property(i => i.OriginalFileName).HasMaxLength(255);
        image.Property(i => i.RiskBand).HasMaxLength(32);
        image.Property(i => i.ModelName).HasMaxLength(100);
        image.Property(i => i.ModelVersion).HasMaxLength(32);
        image.Property(i => i.ScoreError).HasMaxLength(1000);
        image.HasIndex(i => i.SopInstanceUid).IsUnique();
        image.HasIndex(i => i.LesionId);
        image.HasIndex(i => i.CaseId);
        // The scoring worker's queue: pending images, oldest due first.
        image.HasIndex(i => new { i.ScoreState, i.NextScoreAttemptAtUtc });
        image.HasOne(i => i.Lesion).WithMany().HasForeignKey(i => i.LesionId).OnDelete(DeleteBehavior.Restrict);
        image.HasOne<TeleExpertiseCase>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeleExpertiseCaseConfiguration : IEntityTypeConfiguration<TeleExpertiseCase>
{
    public void Configure(EntityTypeBuilder<TeleExpertiseCase> @case)
    {
        @case.ToTable("Cases");
        @case.Property(c => c.Id).ValueGeneratedNever();
        @case.Property(c => c.Reference).HasMaxLength(16);
        @case.HasIndex(c => c.Reference).IsUnique();
        @case.Property(c => c.SubmittedByUserId).HasMaxLength(64);
        @case.Property(c => c.AssignedDermatologistId).HasMaxLength(64);
        @case.Property(c => c.Reason).HasMaxLength(2000);
        @case.Property(c => c.UrgencyReason).HasMaxLength(500);
        @case.Property(c => c.Version).IsConcurrencyToken();
        @case.HasOne(c => c.Patient).WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        @case.OwnsOne(c => c.Questionnaire, q =>
        {
            q.Property(x => x.EvolutionDetails).HasMaxLength(1000);
            q.Property(x => x.TreatmentsTried).HasMaxLength(1000);
        });
        @case.Navigation(c => c.Questionnaire).IsRequired();
        @case.HasMany(c => c.Lesions).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        @case.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        @case.HasMany(c => c.Transitions).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        // The worklist: open cases of a department in priority order; a GP's own cases.
        @case.HasIndex(c => new { c.DepartmentId, c.Status, c.PriorityDueAtUtc });
        @case.HasIndex(c => new { c.SubmittedByUserId, c.Status });
        // The department dashboard reads three ranges of a department's cases: received, first responded to, and
        // ended (answered, converted, cancelled) in a period, or after a moment for the backlog. Each index carries
        // (INCLUDE: PostgreSQL and SQL Server; SQLite has none) every column its figures read, so the server
        // answers from the index alone: measured with a million cases on PostgreSQL in docs/benchmarks.md.
        Covering(@case.HasIndex(c => new { c.DepartmentId, c.SubmittedAtUtc }), c => new { c.PracticeId, c.MaxRisk });
        Covering(@case.HasIndex(c => new { c.DepartmentId, c.FirstResponseAtUtc }), c => new { c.SubmittedAtUtc });
        Covering(@case.HasIndex(c => new { c.DepartmentId, c.EndedAtUtc }), c => new
        {
            c.SubmittedAtUtc, c.AnsweredAtUtc, c.Status, c.Urgency, c.ServiceDueAtUtc, c.AssignedDermatologistId, c.PracticeId, c.MaxRisk,
            c.Outcome, c.FirstQuestionAtUtc,
        });
    }

    /// <summary>INCLUDE columns for both providers that have them: each keeps its own annotation.</summary>
    private static void Covering(IndexBuilder<TeleExpertiseCase> index, Expression<Func<TeleExpertiseCase, object>> columns)
    {
        NpgsqlIndexBuilderExtensions.IncludeProperties(index, columns);
        SqlServerIndexBuilderExtensions.IncludeProperties(index, columns!);
    }
}

internal sealed class CaseLesionConfiguration : IEntityTypeConfiguration<CaseLesion>
{
    public void Configure(EntityTypeBuilder<CaseLesion> link)
    {
        link.ToTable("CaseLesions");
        link.HasKey(l => new { l.CaseId, l.LesionId });
        link.Property(l => l.GpNote).HasMaxLength(1000);
        link.HasOne(l => l.Lesion).WithMany().HasForeignKey(l => l.LesionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> message)
    {
        message.ToTable("CaseMessages");
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.AuthorUserId).HasMaxLength(64);
        message.Property(m => m.Body).HasMaxLength(MessageText.MaxLength);
        message.Property(m => m.AddresseeUserId).HasMaxLength(64);
        message.HasIndex(m => m.CaseId);
        // A dermatologist's open requests for an opinion (the worklist's panel).
        message.HasIndex(m => new { m.AddresseeUserId, m.Kind });
    }
}

internal sealed class CaseTransitionConfiguration : IEntityTypeConfiguration<CaseTransition>
{
    public void Configure(EntityTypeBuilder<CaseTransition> transition)
    {
        transition.ToTable("CaseTransitions");
        transition.Property(t => t.Id).ValueGeneratedNever();
        transition.Property(t => t.ByUserId).HasMaxLength(64);
        transition.Property(t => t.Reason).HasMaxLength(1000);
        transition.HasIndex(t => t.CaseId);
    }
}

internal sealed class CaseReadMarkerConfiguration : IEntityTypeConfiguration<CaseReadMarker>
{
    public void Configure(EntityTypeBuilder<CaseReadMarker> marker)
    {
        marker.ToTable("CaseReadMarkers");
        marker.HasKey(m => new { m.CaseId, m.UserId });
        marker.Property(m => m.UserId).HasMaxLength(64);
        marker.HasOne<TeleExpertiseCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

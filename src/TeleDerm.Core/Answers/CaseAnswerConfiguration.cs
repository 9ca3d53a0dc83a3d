using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Answers;

internal sealed class CaseAnswerConfiguration : IEntityTypeConfiguration<CaseAnswer>
{
    public void Configure(EntityTypeBuilder<CaseAnswer> answer)
    {
        answer.ToTable("CaseAnswers");
        answer.Property(a => a.Id).ValueGeneratedNever();
        answer.Property(a => a.DermatologistUserId).HasMaxLength(64);
        answer.Property(a => a.DiagnosisCode).HasMaxLength(16);
        answer.Property(a => a.DiagnosisText).HasMaxLength(500);
        answer.Property(a => a.MessageToGp).HasMaxLength(4000);
        answer.Property(a => a.PatientAdvice).HasMaxLength(4000);
        // One answer per case; dashboards join on it.
        answer.HasIndex(a => a.CaseId).IsUnique();
        answer.HasOne<TeleExpertiseCase>().WithOne().HasForeignKey<CaseAnswer>(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        answer.HasMany(a => a.Prescription).WithOne().HasForeignKey(l => l.AnswerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PrescriptionLineConfiguration : IEntityTypeConfiguration<PrescriptionLine>
{
    public void Configure(EntityTypeBuilder<PrescriptionLine> line)
    {
        line.ToTable("PrescriptionLines");
        line.Property(l => l.Id).ValueGeneratedNever();
        line.Property(l => l.Medicine).HasMaxLength(200);
        line.Property(l => l.Strength).HasMaxLength(100);
        line.Property(l => l.Dose).HasMaxLength(200);
        line.Property(l => l.Duration).HasMaxLength(100);
        line.Property(l => l.Instructions).HasMaxLength(1000);
        line.HasIndex(l => new { l.AnswerId, l.LineNumber }).IsUnique();
    }
}

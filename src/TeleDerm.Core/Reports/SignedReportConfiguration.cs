using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Reports;

internal sealed class SignedReportConfiguration : IEntityTypeConfiguration<SignedReport>
{
    public void Configure(EntityTypeBuilder<SignedReport> report)
    {
        report.ToTable("SignedReports");
        report.Property(r => r.Id).ValueGeneratedNever();
        report.Property(r => r.ReportNumber).HasMaxLength(32);
        report.Property(r => r.SignedByUserId).HasMaxLength(64);
        report.Property(r => r.Sha256).HasMaxLength(64);
        report.Property(r => r.Language).HasMaxLength(10);
        report.Property(r => r.CertificateThumbprint).HasMaxLength(128);
        report.Property(r => r.DicomSopInstanceUid).HasMaxLength(64);
        report.HasIndex(r => r.CaseId);
        report.HasIndex(r => r.ReportNumber).IsUnique();
        report.HasOne<TeleExpertiseCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<SignedReport>().WithMany().HasForeignKey(r => r.AddendumOfReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SigningCredentialConfiguration : IEntityTypeConfiguration<SigningCredential>
{
    public void Configure(EntityTypeBuilder<SigningCredential> credential)
    {
        credential.ToTable("SigningCredentials");
        credential.Property(c => c.Id).ValueGeneratedNever();
        credential.Property(c => c.UserId).HasMaxLength(64);
        credential.Property(c => c.Thumbprint).HasMaxLength(128);
        credential.Property(c => c.Subject).HasMaxLength(1000);
        credential.Property(c => c.Issuer).HasMaxLength(1000);
        credential.HasIndex(c => c.UserId);
    }
}

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Imaging;

namespace TeleDerm.Core.Data;

/// <summary>
/// The one database of TeleDerm: accounts (ASP.NET Core Identity), organisations, the audit trail and,
/// as features arrive, cases. Provider-neutral: the same model and migrations run on SQLite and PostgreSQL.
/// </summary>
public class TeleDermDbContext(DbContextOptions<TeleDermDbContext> options) : IdentityDbContext<TeleDermUser>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring when TeleDerm:Security:KeyStore is Database (each key's XML, encrypted when a certificate is set).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SignInFailureCount> SignInFailures => Set<SignInFailureCount>();
    public DbSet<DicomInstanceRecord> DicomInstances => Set<DicomInstanceRecord>();
    public DbSet<DicomOutboxItem> DicomOutbox => Set<DicomOutboxItem>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Features keep their mapping beside their entities (IEntityTypeConfiguration classes).
        builder.ApplyConfigurationsFromAssembly(typeof(TeleDermDbContext).Assembly);

        builder.Entity<TeleDermUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PreferredCulture).HasMaxLength(10);
            user.Property(u => u.PreferredTheme).HasMaxLength(10);
            user.Property(u => u.RegistrationNumber).HasMaxLength(40);
            user.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne(u => u.Practice).WithMany().HasForeignKey(u => u.PracticeId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Department>(department =>
        {
            department.ToTable("Departments");
            department.Property(d => d.Name).HasMaxLength(200);
            department.HasIndex(d => d.Name).IsUnique();
            department.Property(d => d.LetterheadName).HasMaxLength(LetterheadRules.MaxNameLength);
            department.Property(d => d.LetterheadAddress).HasMaxLength(LetterheadRules.MaxAddressLength);
        });

        builder.Entity<Practice>(practice =>
        {
            practice.ToTable("Practices");
            practice.Property(p => p.Name).HasMaxLength(200);
            practice.HasIndex(p => p.Name).IsUnique();
        });

        builder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasKey(e => e.Sequence);
            audit.Property(e => e.Sequence).ValueGeneratedNever();
            audit.Property(e => e.UserId).HasMaxLength(64);
            audit.Property(e => e.UserName).HasMaxLength(256);
            audit.Property(e => e.Action).HasMaxLength(64);
            audit.Property(e => e.RecordType).HasMaxLength(64);
            audit.Property(e => e.RecordId).HasMaxLength(128);
            audit.Property(e => e.PatientId).HasMaxLength(128);
            audit.Property(e => e.IpAddress).HasMaxLength(64);
            audit.Property(e => e.Details).HasMaxLength(2000);
            audit.Property(e => e.PreviousHash).HasMaxLength(64);
            audit.Property(e => e.Hash).HasMaxLength(64);
            audit.Property(e => e.KeyId).HasMaxLength(16);
            audit.HasIndex(e => e.AtUtc);
            audit.HasIndex(e => e.UserId);
            audit.HasIndex(e => e.RecordId);
        });

        // The DICOM store's index and outbox: identifiers only, the bytes stay in files.
        builder.Entity<DicomInstanceRecord>(instance =>
        {
            instance.ToTable("DicomInstances");
            instance.HasKey(i => i.SopInstanceUid);
            instance.Property(i => i.SopInstanceUid).HasMaxLength(64);
            instance.Property(i => i.StudyInstanceUid).HasMaxLength(64);
            instance.Property(i => i.SeriesInstanceUid).HasMaxLength(64);
            instance.Property(i => i.SopClassUid).HasMaxLength(64);
            instance.Property(i => i.PatientId).HasMaxLength(64);
            instance.Property(i => i.TrackingUid).HasMaxLength(64);
            instance.Property(i => i.RelativePath).HasMaxLength(300);
            instance.Property(i => i.Sha256).HasMaxLength(64);
            instance.HasIndex(i => i.PatientId);
            instance.HasIndex(i => i.StudyInstanceUid);
            instance.HasIndex(i => i.TrackingUid);
        });
        builder.Entity<DicomOutboxItem>(outbox =>
        {
            outbox.ToTable("DicomOutbox");
            outbox.Property(o => o.SopInstanceUid).HasMaxLength(64);
            outbox.Property(o => o.RelativePath).HasMaxLength(300);
            outbox.Property(o => o.LastError).HasMaxLength(2000);
            outbox.HasIndex(o => o.NextAttemptAtUtc);
        });
    }
}

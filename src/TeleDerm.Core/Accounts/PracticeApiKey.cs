using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Accounts;

/// <summary>
/// A key with which a practice's software submits requests through the intake API. Only a hash of the
/// secret is kept: the key is shown once, when an administrator creates it. The prefix finds the row
/// without scanning and is what people see in lists ("tdk_4F7QK2MX…").
/// </summary>
public class PracticeApiKey
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public Practice? Practice { get; set; }
    /// <summary>What the key is for, e.g. "Cabinet software (reception PC)".</summary>
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the whole key. The secret has 256 bits of entropy, so a plain hash is enough.</summary>
    public byte[] SecretHash { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public DateTime? RevokedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }

    public bool IsActive => RevokedAtUtc is null;
}

internal sealed class PracticeApiKeyConfiguration : IEntityTypeConfiguration<PracticeApiKey>
{
    public void Configure(EntityTypeBuilder<PracticeApiKey> key)
    {
        key.ToTable("PracticeApiKeys");
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.Name).HasMaxLength(200);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.Property(k => k.CreatedByUserId).HasMaxLength(64);
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.PracticeId);
        key.HasOne(k => k.Practice).WithMany().HasForeignKey(k => k.PracticeId).OnDelete(DeleteBehavior.Restrict);
        key.Ignore(k => k.IsActive);
    }
}

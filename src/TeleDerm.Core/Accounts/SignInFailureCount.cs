using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Accounts;

/// <summary>Recent failed sign-ins of one account name or one client address (<see cref="SignInThrottle"/>).</summary>
public sealed class SignInFailureCount
{
    /// <summary>SHA-256 (hex) of "account:NAME" or "address:IP": the row does not say whose it is.</summary>
    public string Key { get; set; } = "";
    public int Count { get; set; }
    public DateTime LastFailureUtc { get; set; }
    /// <summary>No try is allowed before this time.</summary>
    public DateTime NotBeforeUtc { get; set; }
}

internal sealed class SignInFailureCountConfiguration : IEntityTypeConfiguration<SignInFailureCount>
{
    public void Configure(EntityTypeBuilder<SignInFailureCount> failures)
    {
        failures.ToTable("SignInFailures");
        failures.HasKey(f => f.Key);
        failures.Property(f => f.Key).HasMaxLength(64);
        // Two instances counting the same key at once: the second update finds the count changed and retries.
        failures.Property(f => f.Count).IsConcurrencyToken();
        failures.HasIndex(f => f.LastFailureUtc);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Cases;

/// <summary>
/// A request the GP is still writing, saved as they type so that nothing is lost to a closed tab or a
/// dropped connection. Only its author ever reads it; it is deleted when the request is sent or discarded.
/// The form is kept as JSON (it changes with the form), the photos as files beside the data.
/// </summary>
public class IntakeDraft
{
    public Guid Id { get; set; }
    public string GpUserId { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string StateJson { get; set; } = "";
}

internal sealed class IntakeDraftConfiguration : IEntityTypeConfiguration<IntakeDraft>
{
    public void Configure(EntityTypeBuilder<IntakeDraft> draft)
    {
        draft.ToTable("IntakeDrafts");
        draft.Property(d => d.Id).ValueGeneratedNever();
        draft.Property(d => d.GpUserId).HasMaxLength(64);
        draft.HasIndex(d => d.GpUserId);
    }
}

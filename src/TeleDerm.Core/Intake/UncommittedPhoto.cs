using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Intake;

/// <summary>
/// A photo in the image store whose request (or reply) is not saved yet. Written right after the photo is stored
/// and removed when the request is saved, so that a crash, a lost database or a refused request in between
/// leaves a trace: <see cref="UncommittedPhotos"/> removes such photos from the store once they are old enough.
/// </summary>
public sealed class UncommittedPhoto
{
    /// <summary>The request (case) the photo was stored for.</summary>
    public Guid CaseId { get; set; }
    public string SopInstanceUid { get; set; } = "";
    public DateTime StoredAtUtc { get; set; }
}

internal sealed class UncommittedPhotoConfiguration : IEntityTypeConfiguration<UncommittedPhoto>
{
    public void Configure(EntityTypeBuilder<UncommittedPhoto> photo)
    {
        // By request and photo: the same DICOM file sent with two requests is one instance, remembered by each.
        photo.HasKey(p => new { p.CaseId, p.SopInstanceUid });
        photo.Property(p => p.SopInstanceUid).HasMaxLength(64);
        photo.HasIndex(p => p.StoredAtUtc);
    }
}

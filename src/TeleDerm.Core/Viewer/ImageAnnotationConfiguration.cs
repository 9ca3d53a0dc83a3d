using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Viewer;

internal sealed class ImageAnnotationConfiguration : IEntityTypeConfiguration<ImageAnnotation>
{
    public void Configure(EntityTypeBuilder<ImageAnnotation> annotation)
    {
        annotation.ToTable("ImageAnnotations");
        annotation.Property(a => a.Id).ValueGeneratedNever();
        annotation.Property(a => a.SopInstanceUid).HasMaxLength(64);
        annotation.Property(a => a.PointsJson).HasMaxLength(AnnotationRules.MaxPointsJsonLength);
        annotation.Property(a => a.Label).HasMaxLength(AnnotationRules.MaxLabelLength);
        annotation.Property(a => a.CreatedByUserId).HasMaxLength(64);
        annotation.HasIndex(a => a.CaseId);
        annotation.HasIndex(a => a.LesionImageId);
        annotation.HasOne<TeleExpertiseCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        annotation.HasOne<LesionImage>().WithMany().HasForeignKey(a => a.LesionImageId).OnDelete(DeleteBehavior.Restrict);
    }
}

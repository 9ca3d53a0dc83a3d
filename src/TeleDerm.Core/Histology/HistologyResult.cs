using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TeleDerm.Core.Histology;

/// <summary>The histopathologist's diagnosis, as coded in TeleDerm (the report's words go in the text).</summary>
public enum HistologyDiagnosis
{
    MelanomaInSitu = 1,
    /// <summary>Invasive melanoma: recorded with its Breslow thickness.</summary>
    InvasiveMelanoma = 2,
    BasalCellCarcinoma = 3,
    SquamousCellCarcinoma = 4,
    DysplasticNaevus = 5,
    CommonNaevus = 6,
    SeborrhoeicKeratosis = 7,
    /// <summary>Anything else: recorded with the pathologist's words.</summary>
    Other = 8,
}

public enum HistologyProcedure
{
    Excision = 1,
    Biopsy = 2,
}

/// <summary>
/// The result of the excision or biopsy of a lesion after a tele-expertise: recorded by the GP or a dermatologist,
/// shown on the case, and compared on the dashboard with the tele-expertise diagnosis and the model's risk band.
/// Never changed: a correction is a new result (the latest counts).
/// </summary>
public sealed class HistologyResult
{
    public Guid Id { get; set; }
    /// <summary>The tele-expertise request the lesion was judged in.</summary>
    public Guid CaseId { get; set; }
    public Guid LesionId { get; set; }
    public Guid DepartmentId { get; set; }
    public Guid PracticeId { get; set; }
    public HistologyProcedure Procedure { get; set; }
    public HistologyDiagnosis Diagnosis { get; set; }
    /// <summary>For an invasive melanoma, in millimetres.</summary>
    public decimal? BreslowMm { get; set; }
    /// <summary>The pathologist's words: required for <see cref="HistologyDiagnosis.Other"/>.</summary>
    public string? Text { get; set; }
    /// <summary>The day the lesion was removed or sampled.</summary>
    public DateOnly SampledOn { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class HistologyResultConfiguration : IEntityTypeConfiguration<HistologyResult>
{
    public void Configure(EntityTypeBuilder<HistologyResult> result)
    {
        result.ToTable("HistologyResults");
        result.HasKey(r => r.Id);
        result.Property(r => r.RecordedByUserId).HasMaxLength(450);
        result.Property(r => r.Text).HasMaxLength(1000);
        result.Property(r => r.BreslowMm).HasPrecision(5, 2);
        result.HasIndex(r => r.CaseId);
        // The dashboard: the results of a department's lesions sampled in a period.
        result.HasIndex(r => new { r.DepartmentId, r.SampledOn });
    }
}

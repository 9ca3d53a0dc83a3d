namespace TeleDerm.Web.Features.Reports;

/// <summary>Configuration section "TeleDerm:Reports": the letterhead printed on every report.</summary>
public sealed class ReportOptions
{
    public const string Section = "TeleDerm:Reports";

    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(200, MinimumLength = 1)]
    public string InstitutionName { get; set; } = "TeleDerm";

    public List<string> AddressLines { get; set; } = [];

    /// <summary>A PNG or JPEG file; relative paths are resolved against the current directory. Optional.</summary>
    public string? LogoPath { get; set; }
}

namespace TeleDerm.Core.Accounts;

/// <summary>A hospital dermatology department: dermatologists and department heads belong to one.</summary>
public class Department
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>
    /// Whether GPs see the model's risk score on their own requests. Off by default: the model is a triage aid
    /// for dermatologists, not validated as a diagnostic test, and a number shown to the GP before the
    /// dermatologist's answer anchors their judgement (and the patient's, if they read it aloud).
    /// </summary>
    public bool RiskScoresVisibleToGps { get; set; }

    /// <summary>Whether signed reports print the model's score (after the conclusion, beside its disclaimer). Off by default.</summary>
    public bool RiskScoreInReports { get; set; }

    /// <summary>The letterhead of the department's reports: the hospital's name (the settings' name when empty).</summary>
    public string? LetterheadName { get; set; }

    /// <summary>Address lines under the name, one per line (the settings' lines when empty).</summary>
    public string? LetterheadAddress { get; set; }

    /// <summary>The logo as a small JPEG made at upload (at most <see cref="LetterheadRules.LogoBoxWidth"/> × <see cref="LetterheadRules.LogoBoxHeight"/> pixels), never the uploaded file itself.</summary>
    public byte[]? LetterheadLogoJpeg { get; set; }
}

/// <summary>What a department's letterhead may hold: it is printed on every signed report.</summary>
public static class LetterheadRules
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxAddressLines = 4;

    /// <summary>An uploaded logo file is refused above this size, before it is decoded.</summary>
    public const int MaxLogoUploadBytes = 2 * 1024 * 1024;

    /// <summary>The logo is kept at most this size in pixels (printed 120 × 48 points, so ample for 300 dpi).</summary>
    public const int LogoBoxWidth = 600, LogoBoxHeight = 240;

    /// <summary>The address as printed: trimmed non-empty lines.</summary>
    public static IReadOnlyList<string> AddressLines(string? address) =>
        [.. (address ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

/// <summary>A general practice: GPs belong to one.</summary>
public class Practice
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Set when the practice leaves TeleDerm: its GPs can no longer act and its API keys stop working.</summary>
    public DateTime? DisabledAtUtc { get; set; }
}

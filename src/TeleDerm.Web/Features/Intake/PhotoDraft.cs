using TeleDerm.Core.Cases;
using TeleDerm.Core.Intake;
using TeleDerm.Imaging.Quality;

namespace TeleDerm.Web.Features.Intake;

/// <summary>A photo being picked in a form: its bytes once read, the reading progress, a preview, or why it was refused.</summary>
public sealed class PhotoDraft(PhotoInput input)
{
    /// <summary>Names the photo's file in a saved draft.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>Already written with the draft.</summary>
    public bool SavedInDraft { get; set; }
    public PhotoInput Input { get; set; } = input;
    public int Percent { get; set; }
    public string? Preview { get; set; }
    public string? Error { get; set; }
    /// <summary>What the photo checks measured (null for a DICOM file or before the bytes are read).</summary>
    public PhotoMeasures? Measures { get; set; }

    /// <summary>What to tell the GP about this photo; framing is judged for dermoscopic photos only, so it follows the photo's kind.</summary>
    public IReadOnlyList<PhotoFinding> Findings => Measures is null ? [] : PhotoQualityCheck.Assess(Measures, Input.Kind == ImageKind.Dermoscopic);

    public static IReadOnlyList<PhotoInput> Ready(IEnumerable<PhotoDraft> drafts) => [.. drafts.Where(p => p.Error is null && p.Input.Bytes.Length > 0).Select(p => p.Input)];

    /// <summary>For a new draft of this kind before its bytes are read.</summary>
    public static PhotoDraft Named(string fileName, ImageKind kind) => new(new PhotoInput(fileName, kind, []));
}

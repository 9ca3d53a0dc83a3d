using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Intake;

/// <summary>A view of a lesion the dermatologist expects and the photos do not have yet.</summary>
public enum MissingView
{
    /// <summary>A clinical photo from far enough to show where the lesion is (and what is around it).</summary>
    Overview,
    /// <summary>A dermoscopic photo, or a second, closer clinical photo.</summary>
    CloseUp,
}

/// <summary>
/// The views each lesion should have (docs/photo-quality.md): an overview and a close-up or dermoscopic photo. Told to
/// the GP as a hint, never a refusal: a follow-up of a lesion may only need a new dermoscopic photo.
/// </summary>
public static class PhotoViews
{
    public static IReadOnlyList<MissingView> Missing(IReadOnlyCollection<ImageKind> photos)
    {
        if (photos.Count == 0)
        {
            // The required-photos error says it already.
            return [];
        }
        var clinical = photos.Count(k => k == ImageKind.Clinical);
        var missing = new List<MissingView>();
        if (clinical == 0)
        {
            missing.Add(MissingView.Overview);
        }
        if (!photos.Contains(ImageKind.Dermoscopic) && clinical < 2)
        {
            missing.Add(MissingView.CloseUp);
        }
        return missing;
    }
}

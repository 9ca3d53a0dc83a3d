namespace TeleDerm.Core.Cases;

/// <summary>
/// The one definition of "the prior" of a photo, used by the viewer's default pair and by the signed report: the
/// most recent photo of the same lesion taken on an earlier day, of the same kind (dermoscopic with dermoscopic,
/// clinical with clinical) when the lesion has one, otherwise of any kind. Photos of the same day are one visit,
/// never each other's prior.
/// </summary>
public static class LesionPriors
{
    /// <param name="current">The photo compared.</param>
    /// <param name="lesionImages">Every photo of that lesion (any request, any order).</param>
    public static LesionImage? PriorOf(LesionImage current, IEnumerable<LesionImage> lesionImages)
    {
        var earlier = lesionImages
            .Where(i => i.LesionId == current.LesionId && i.AcquiredAtUtc.Date < current.AcquiredAtUtc.Date)
            .OrderByDescending(i => i.AcquiredAtUtc).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal)
            .ToList();
        return earlier.FirstOrDefault(i => i.Kind == current.Kind) ?? earlier.FirstOrDefault();
    }
}

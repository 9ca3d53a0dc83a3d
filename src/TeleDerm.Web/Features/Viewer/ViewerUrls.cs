using System.Globalization;
using TeleDerm.Core.Cases;

namespace TeleDerm.Web.Features.Viewer;

/// <summary>Where an image and the viewer are, for links and &lt;img&gt; tags anywhere in the app (worklist, case page).</summary>
public static class ViewerUrls
{
    public const string DicomWebRoot = "/dicomweb";

    public static string Instance(LesionImage image) => Instance(image.StudyInstanceUid, image.SeriesInstanceUid, image.SopInstanceUid);

    private static string Instance(string study, string series, string instance) => $"{DicomWebRoot}/studies/{study}/series/{series}/instances/{instance}";

    /// <summary>A small JPEG that fits a square box of <paramref name="size"/> pixels (cached by the server and the browser).</summary>
    public static string Thumbnail(LesionImage image, int size = RenderRequest.DefaultThumbnailSize) =>
        Thumbnail(Instance(image), size);

    /// <summary>The same, for a worklist row's thumbnail.</summary>
    public static string Thumbnail(WorklistThumbnail image, int size) =>
        Thumbnail(Instance(image.StudyInstanceUid, image.SeriesInstanceUid, image.SopInstanceUid), size);

    private static string Thumbnail(string instance, int size) => string.Create(CultureInfo.InvariantCulture, $"{instance}/thumbnail?viewport={size},{size}");

    /// <summary>The image reduced to fit <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static string Rendered(LesionImage image, int width, int height, int? quality = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{Instance(image)}/rendered?viewport={width},{height}") +
        (quality is { } q ? string.Create(CultureInfo.InvariantCulture, $"&quality={q}") : "");

    /// <summary>Full resolution: a JPEG instance's own bytes, untouched.</summary>
    public static string FullResolution(LesionImage image) => $"{Instance(image)}/rendered";

    /// <summary>The root of the image's viewer tiles: /{level}/{column}/{row} follows (see <see cref="Tiles.ViewerTiles"/>).</summary>
    public static string Tiles(LesionImage image) => $"{Instance(image)}/tiles";

    /// <summary>The DICOM JSON of the instance's header (PS3.18 F.2).</summary>
    public static string Metadata(LesionImage image) => $"{Instance(image)}/metadata";

    public static string Viewer(Guid caseId, Guid? lesionId = null, int? layout = null)
    {
        var query = string.Join("&", new[] { lesionId is { } id ? $"lesion={id}" : null, layout is { } n ? string.Create(CultureInfo.InvariantCulture, $"layout={n}") : null }
            .Where(p => p is not null));
        return $"/cases/{caseId}/viewer" + (query.Length > 0 ? "?" + query : "");
    }
}

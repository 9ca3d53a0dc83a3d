using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Viewer;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Pyramids;
using TeleDerm.Web.Features.Viewer.Tiles;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Features.Viewer;

/// <summary>
/// Images over HTTP from TeleDerm itself, on DICOMweb WADO-RS paths (PS3.18 10.4): rendered, thumbnail,
/// metadata. Each request finds the image by its SOP Instance UID and checks that the user may view a
/// case of its lesion (<see cref="ViewerAccess"/>); an unknown image and someone else's answer the same
/// 404. Instances never change, so responses carry an ETag from the UID and the parameters and may be
/// kept by the browser (private: patient data never goes to shared caches).
/// </summary>
public static partial class DicomWebEndpoints
{
    // Patient images must not outlive the session in the browser's cache: "no-cache" makes the browser ask
    // again on every use (a cheap 304 through the ETag while the person may still see the image, a refusal once not).
    private const string CacheControl = "private, no-cache";

    public static void MapDicomWebEndpoints(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup(ViewerUrls.DicomWebRoot + "/studies/{study}/series/{series}/instances/{sop}")
            .RequireAuthorization()
            .WithMetadata(new ApiEndpoint());
        instances.MapGet("/rendered", (HttpContext context, string study, string series, string sop) => ImageAsync(context, study, series, sop, thumbnail: false));
        instances.MapGet("/thumbnail", (HttpContext context, string study, string series, string sop) => ImageAsync(context, study, series, sop, thumbnail: true));
        instances.MapGet("/metadata", MetadataAsync);
        instances.MapGet("/tiles/{level:int}/{column:int}/{row:int}", TileAsync);
    }

    /// <summary>
    /// One tile of the viewer's pyramid of the image (<see cref="ViewerTiles"/>; TeleDerm's own path, DICOMweb has
    /// tiles for whole-slide images only): a 512-pixel JPEG of a level in the Deep Zoom convention.
    /// </summary>
    private static async Task<IResult> TileAsync(HttpContext context, string study, string series, string sop, int level, int column, int row)
    {
        var (image, refusal) = await FindAsync(context, study, series, sop);
        if (image is null)
        {
            return refusal!;
        }
        var etag = ETag(image.SopInstanceUid, string.Create(CultureInfo.InvariantCulture, $"tile:v{ViewerTiles.FormatVersion}:{level}/{column}/{row}"));
        if (NotModified(context, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var tiles = context.RequestServices.GetRequiredService<ViewerTiles>();
        TilePack? pack;
        try
        {
            pack = await tiles.PackAsync(image, context.RequestAborted);
        }
        catch (ImageDecodeException ex)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, $"The stored image cannot be cut into tiles: {ex.Message}");
        }
        if (pack is null)
        {
            return Problem(StatusCodes.Status404NotFound, "The image is registered but missing from the DICOM store.");
        }
        var layout = pack.Layout;
        if (!layout.Contains(level, column, row) || await tiles.TileAsync(image, pack, new TileAddress(level, column, row), context.RequestAborted) is not { } jpeg)
        {
            return Problem(StatusCodes.Status404NotFound, string.Create(CultureInfo.InvariantCulture,
                $"This image has no tile {column},{row} at level {level}: its levels go from {layout.MinLevel} to {layout.MaxLevel} (the image itself), each cut into {layout.TileSize}-pixel tiles from the top left."));
        }
        await AuditAsync(context, image);
        return Results.Bytes(jpeg, "image/jpeg");
    }

    private static async Task<IResult> ImageAsync(HttpContext context, string study, string series, string sop, bool thumbnail)
    {
        var query = context.Request.Query;
        var request = RenderRequest.Parse(query["viewport"], query["quality"], out var error);
        if (request is null)
        {
            return Problem(StatusCodes.Status400BadRequest, error!);
        }
        if (thumbnail)
        {
            var size = RenderRequest.DefaultThumbnailSize;
            request = request with { ViewportWidth = request.ViewportWidth ?? size, ViewportHeight = request.ViewportHeight ?? size, Quality = request.Quality ?? 80 };
            if (request.ViewportWidth > RenderRequest.MaxThumbnailSize || request.ViewportHeight > RenderRequest.MaxThumbnailSize)
            {
                return Problem(StatusCodes.Status400BadRequest, $"A thumbnail is at most {RenderRequest.MaxThumbnailSize} pixels wide and high; ask for rendered instead.");
            }
        }
        var (image, refusal) = await FindAsync(context, study, series, sop);
        if (image is null)
        {
            return refusal!;
        }
        var etag = ETag(image.SopInstanceUid, (thumbnail ? "thumbnail:" : "rendered:") + request.Key);
        if (NotModified(context, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var renderer = context.RequestServices.GetRequiredService<ImageRenderer>();
        var bytes = await renderer.RenderAsync(image, request, thumbnail, context.RequestAborted);
        if (bytes is null)
        {
            return Problem(StatusCodes.Status404NotFound, "The image is registered but missing from the DICOM store.");
        }
        await AuditAsync(context, image);
        return Results.Bytes(bytes, "image/jpeg");
    }

    private static async Task<IResult> MetadataAsync(HttpContext context, string study, string series, string sop)
    {
        var (image, refusal) = await FindAsync(context, study, series, sop);
        if (image is null)
        {
            return refusal!;
        }
        var etag = ETag(image.SopInstanceUid, "metadata");
        if (NotModified(context, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var json = await context.RequestServices.GetRequiredService<TeleDerm.Dicom.Stores.IDicomStore>()
            .RetrieveMetadataAsync(TeleDerm.Web.Features.Images.StoredFrames.Key(image), context.RequestAborted);
        if (json is null)
        {
            return Problem(StatusCodes.Status404NotFound, "The image is registered but missing from the DICOM store.");
        }
        await AuditAsync(context, image);
        // WADO-RS metadata is an array of instances, here one.
        return Results.Text(json.TrimStart().StartsWith('[') ? json : "[" + json + "]", "application/dicom+json", Encoding.UTF8);
    }

    private static async Task<(LesionImage? Image, IResult? Refusal)> FindAsync(HttpContext context, string study, string series, string sop)
    {
        foreach (var (name, uid) in new[] { ("study", study), ("series", series), ("instance", sop) })
        {
            if (uid.Length > 64 || !UidPattern().IsMatch(uid))
            {
                return (null, Problem(StatusCodes.Status400BadRequest, $"The {name} UID is not a DICOM UID (digits and dots, at most 64 characters)."));
            }
        }
        var image = await context.RequestServices.GetRequiredService<ViewerAccess>().ViewableImageAsync(context.RequestServices.GetRequiredService<CurrentActor>().Actor, sop, context.RequestAborted);
        if (image is null || image.StudyInstanceUid != study || image.SeriesInstanceUid != series)
        {
            return (null, Problem(StatusCodes.Status404NotFound, "No image with these UIDs that you may view."));
        }
        return (image, null);
    }

    private static string ETag(string sop, string variant) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sop + "|" + variant)))[..32] + "\"";

    /// <summary>Sets the validators on the response; true when the browser's copy is still good.</summary>
    private static bool NotModified(HttpContext context, string etag)
    {
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = CacheControl;
        context.Response.Headers.Vary = HeaderNames.Cookie;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "W/" + etag));
    }

    private static Task AuditAsync(HttpContext context, LesionImage image) =>
        context.RequestServices.GetRequiredService<ImageViewAudit>().RecordAsync(
            context.RequestServices.GetRequiredService<AuditRecorder>(), context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "", image);

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)*$")]
    private static partial Regex UidRegex();

    private static Regex UidPattern() => UidRegex();

    /// <summary>Tells the sign-in cookie to answer 401/403 here rather than redirect to an HTML page.</summary>
    private sealed class ApiEndpoint : Microsoft.AspNetCore.Http.Metadata.IDisableCookieRedirectMetadata;
}

using Microsoft.Extensions.Caching.Memory;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Viewer;
using TeleDerm.Dicom;
using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Resizing;
using TeleDerm.Web.Features.Images;

namespace TeleDerm.Web.Features.Viewer;

/// <summary>
/// Turns a stored instance into what a browser shows: the JPEG frame as it was uploaded (full resolution,
/// no work), or a reduced JPEG. Decoding uses libjpeg-turbo's DCT scaling, so a 512-pixel preview of a
/// 12-megapixel photo decodes at 1/4 or 1/8 size. Thumbnails are kept in memory: the worklist and case
/// page ask for them again and again, and so are reduced renders: a viewer pane asks for the same size of the
/// same image on every visit. Many requests for a render not yet made share one decode, and at most one decode
/// per core runs at a time, so a burst of requests neither fills memory nor starves other people's images.
/// </summary>
public sealed class ImageRenderer(IDicomStore store) : IDisposable
{
    /// <summary>Its own cache, bounded in bytes (thumbnails of about 10 kB, previews of a few hundred kB).</summary>
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 128L * 1024 * 1024 });
    private readonly SemaphoreSlim decodes = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), Lazy<Task<byte[]?>>> inFlight = new();

    public void Dispose() => cache.Dispose();

    public async Task<byte[]?> RenderAsync(LesionImage image, RenderRequest request, bool thumbnail, CancellationToken cancellationToken)
    {
        var key = (thumbnail ? "thumbnail" : "rendered", image.SopInstanceUid, request.Key);
        if (cache.TryGetValue(key, out byte[]? cached))
        {
            return cached;
        }
        // One render per key at a time, whoever asks; not cancelled by one asker leaving (the others still wait for it).
        var render = inFlight.GetOrAdd(key, _ => new Lazy<Task<byte[]?>>(() => RenderAndCacheAsync(key, image, request)));
        try
        {
            return await render.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (render.Value.IsCompleted)
            {
                inFlight.TryRemove(KeyValuePair.Create(key, render));
            }
        }
    }

    private async Task<byte[]?> RenderAndCacheAsync((string, string, string) key, LesionImage image, RenderRequest request)
    {
        await decodes.WaitAsync();
        byte[]? bytes;
        try
        {
            bytes = await RenderUncachedAsync(image, request, CancellationToken.None);
        }
        finally
        {
            decodes.Release();
        }
        // The original JPEG frame costs no work to serve: only what was decoded and encoded is worth keeping.
        if (bytes is not null && !request.IsOriginal)
        {
            cache.Set(key, bytes, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1), Size = bytes.Length });
        }
        return bytes;
    }

    /// <summary>Largest reduced copy of an uncompressed (RGB) photo kept in memory; smaller renders are made from it.</summary>
    private static readonly ImageSize ReducedBase = new(2048, 2048);

    private async Task<byte[]?> RenderUncachedAsync(LesionImage image, RenderRequest request, CancellationToken cancellationToken)
    {
        var box = request.ViewportWidth is { } w && request.ViewportHeight is { } h ? new ImageSize(w, h) : (ImageSize?)null;
        // An uncompressed photo has no DCT scaling: each render would inflate and copy the whole picture (36 MB at
        // 12 MP). Renders that fit the reduced copy are made from it instead, so a viewer's several sizes cost one read.
        if (box is { } small && small.Width <= ReducedBase.Width && small.Height <= ReducedBase.Height
            && cache.TryGetValue(("reduced", image.SopInstanceUid), out RgbImage? reduced) && reduced is not null)
        {
            return Encode(reduced, small, request);
        }
        var key = StoredFrames.Key(image);
        var frame = await store.RetrieveFrameAsync(key, 1, cancellationToken);
        if (frame is null)
        {
            return null;
        }
        var isJpeg = StoredFrames.IsJpeg(frame);
        if (isJpeg && request.IsOriginal)
        {
            return WithoutPadding(frame);
        }
        if (isJpeg)
        {
            return Encode(ImageDecoder.Decode(frame, new DecodeOptions { AtLeast = box }).Image, box, request);
        }
        var rgb = StoredFrames.NativeRgb(await HeaderAsync(image, cancellationToken) ?? throw new InvalidOperationException($"Image {image.SopInstanceUid} is not in the DICOM store."), frame)
            ?? throw new InvalidOperationException("Only JPEG frames and 8-bit interleaved RGB can be shown.");
        frame = null;
        var reducedCopy = rgb.Width > ReducedBase.Width || rgb.Height > ReducedBase.Height ? ImageResizer.ResizeToFit(rgb, ReducedBase) : rgb;
        cache.Set(("reduced", image.SopInstanceUid), reducedCopy,
            new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = reducedCopy.Pixels.LongLength });
        return Encode(box is { } fits && fits.Width <= ReducedBase.Width && fits.Height <= ReducedBase.Height ? reducedCopy : rgb, box, request);
    }

    private static byte[] Encode(RgbImage rgb, ImageSize? box, RenderRequest request)
    {
        if (box is { } fit && (rgb.Width > fit.Width || rgb.Height > fit.Height))
        {
            rgb = ImageResizer.ResizeToFit(rgb, fit);
        }
        return JpegEncoder.Encode(rgb, request.Quality ?? RenderRequest.DefaultQuality, chromaSubsampling: false);
    }

    /// <summary>The instance's header without pixel data, or null when the store does not have it.</summary>
    public async Task<DicomDataset?> HeaderAsync(LesionImage image, CancellationToken cancellationToken)
    {
        var cacheKey = ("header", image.SopInstanceUid);
        if (cache.TryGetValue(cacheKey, out DicomDataset? header))
        {
            return header;
        }
        header = await StoredFrames.HeaderAsync(store, StoredFrames.Key(image), cancellationToken);
        if (header is null)
        {
            return null;
        }
        cache.Set(cacheKey, header, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 4096 });
        return header;
    }

    /// <summary>
    /// Size and Pixel Spacing of the image, for the viewer's panes and measurements. Read from the store's
    /// header-only metadata (DICOM JSON), not the whole instance: a 12-megapixel photo is megabytes.
    /// </summary>
    public async Task<ImageGeometry?> GeometryAsync(LesionImage image, CancellationToken cancellationToken)
    {
        var cacheKey = ("geometry", image.SopInstanceUid);
        if (cache.TryGetValue(cacheKey, out ImageGeometry? geometry))
        {
            return geometry;
        }
        var json = await store.RetrieveMetadataAsync(StoredFrames.Key(image), cancellationToken);
        if (json is null)
        {
            return null;
        }
        geometry = GeometryFromJson(json);
        cache.Set(cacheKey, geometry, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1), Size = 64 });
        return geometry;
    }

    /// <summary>Rows (0028,0010), Columns (0028,0011) and Pixel Spacing (0028,0030) from the DICOM JSON model (PS3.18 F.2).</summary>
    internal static ImageGeometry GeometryFromJson(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        static double[] Values(System.Text.Json.JsonElement dataset, string tag) =>
            dataset.TryGetProperty(tag, out var element) && element.TryGetProperty("Value", out var values)
                ? [.. values.EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble()
                    : double.TryParse(v.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN)]
                : [];
        var (rows, columns, spacing) = (Values(root, "00280010"), Values(root, "00280011"), Values(root, "00280030"));
        var valid = spacing.Length == 2 && spacing.All(s => double.IsFinite(s) && s > 0);
        return new ImageGeometry(columns.Length > 0 ? (int)columns[0] : 0, rows.Length > 0 ? (int)rows[0] : 0,
            valid ? spacing[0] : null, valid ? spacing[1] : null);
    }

    /// <summary>DICOM pads an odd-length fragment with a zero byte (PS3.5 A.4): the photo ends at its EOI marker.</summary>
    private static byte[] WithoutPadding(byte[] frame)
    {
        var end = frame.Length;
        while (end > 2 && frame[end - 1] == 0 && end > frame.Length - 4)
        {
            end--;
        }
        return end == frame.Length || frame[end - 2] != 0xFF || frame[end - 1] != 0xD9 ? frame : frame[..end];
    }
}

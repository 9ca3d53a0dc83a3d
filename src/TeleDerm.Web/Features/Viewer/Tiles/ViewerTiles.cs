using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Imaging;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Pyramids;
using TeleDerm.Web.Features.Images;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Viewer.Tiles;

/// <summary>
/// The viewer's tiles of each photo (<see cref="TilePyramidBuilder"/>), made once in the background when the photo
/// is stored (<see cref="Prepare"/>, drained by <see cref="TilePreparation"/>) or at its first view when they are
/// not there (evicted, or stored by another app instance), and kept as one <see cref="TilePack"/> file per photo
/// in a folder bounded by <see cref="ViewerTileOptions.CacheMegabytes"/>: the least recently viewed go first.
/// A pane then fetches only the tiles on screen at the screen's resolution, never the whole 12-megapixel JPEG.
/// </summary>
public sealed class ViewerTiles : IImageRenditions, IDisposable
{
    /// <summary>Part of every tile's ETag and file name: a change to how tiles are made must bump it.</summary>
    public const int FormatVersion = 1;

    private readonly IDicomStore store;
    private readonly ILogger<ViewerTiles> logger;
    private readonly BoundedFolder folder;
    private readonly MemoryCache indexes = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly ConcurrentDictionary<string, Lazy<Task<TilePack?>>> building = new();
    private readonly SemaphoreSlim builds = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly Channel<LesionImage> waiting = Channel.CreateBounded<LesionImage>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ViewerTiles(IDicomStore store, IOptions<TeleDermOptions> options, IOptions<ViewerTileOptions> tileOptions, ILogger<ViewerTiles> logger)
    {
        this.store = store;
        this.logger = logger;
        folder = new BoundedFolder(Path.Combine(options.Value.ResolveDataDirectory(), "tiles"), "*.tiles", tileOptions.Value.CacheMegabytes * 1024 * 1024);
    }

    /// <summary>Photos waiting for their tiles to be made in the background.</summary>
    public ChannelReader<LesionImage> Waiting => waiting.Reader;

    /// <summary>Queues the photo's tiles (dropped when thousands already wait: they are then made at first view).</summary>
    public void Prepare(LesionImage image) => waiting.Writer.TryWrite(image);

    /// <summary>Whether the photo's tiles are already made.</summary>
    public bool IsMade(LesionImage image) => File.Exists(PathOf(image.SopInstanceUid));

    /// <summary>The photo's tile index, made now if it is not; null when the photo is not in the DICOM store.</summary>
    /// <exception cref="ImageDecodeException">The stored frame cannot be decoded.</exception>
    public async Task<TilePack?> PackAsync(LesionImage image, CancellationToken cancellationToken)
    {
        var sop = image.SopInstanceUid;
        if (indexes.TryGetValue(sop, out TilePack? known) && known is not null && File.Exists(PathOf(sop)))
        {
            return known;
        }
        if (ReadMade(sop) is { } read)
        {
            return read;
        }
        // One build per photo at a time, whoever asks; not cancelled by one asker leaving (others wait for it).
        var build = building.GetOrAdd(sop, _ => new Lazy<Task<TilePack?>>(() => BuildAsync(image)));
        try
        {
            return await build.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (build.Value.IsCompleted)
            {
                building.TryRemove(KeyValuePair.Create(sop, build));
            }
        }
    }

    /// <summary>One tile's JPEG from a pack this service returned; null when the pack has no such tile.</summary>
    public async Task<byte[]?> TileAsync(LesionImage image, TilePack pack, TileAddress address, CancellationToken cancellationToken)
    {
        var path = PathOf(image.SopInstanceUid);
        try
        {
            var jpeg = await pack.ReadTileAsync(path, address, cancellationToken);
            Touch(image.SopInstanceUid, path);
            return jpeg;
        }
        catch (FileNotFoundException)
        {
            // Evicted between finding the pack and reading it: made again.
            indexes.Remove(image.SopInstanceUid);
            return await PackAsync(image, cancellationToken) is { } again ? await again.ReadTileAsync(path, address, cancellationToken) : null;
        }
    }

    private async Task<TilePack?> BuildAsync(LesionImage image)
    {
        var key = StoredFrames.Key(image);
        var frame = await store.RetrieveFrameAsync(key, 1, CancellationToken.None);
        if (frame is null)
        {
            return null;
        }
        var header = StoredFrames.IsJpeg(frame) ? null : await StoredFrames.HeaderAsync(store, key, CancellationToken.None);
        await builds.WaitAsync();
        List<(TileAddress, byte[])> tiles;
        TilePyramidLayout layout;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            (layout, tiles) = await Task.Run(() => Cut(frame, header, image.SopInstanceUid));
        }
        finally
        {
            builds.Release();
        }
        var path = PathOf(image.SopInstanceUid);
        await folder.WriteAsync(path, (temporary, token) => TilePack.WriteAsync(temporary, layout, tiles, token), CancellationToken.None);
        logger.LogInformation("Tiles of image {ImageId} made: {Tiles} tiles, {Kilobytes} KB, {Milliseconds} ms", image.Id, tiles.Count, new FileInfo(path).Length / 1024,
            (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Remember(image.SopInstanceUid, TilePack.ReadIndex(path));
    }

    /// <summary>Decodes the stored frame at full size and cuts its pyramid (a JPEG frame's top level losslessly).</summary>
    private static (TilePyramidLayout, List<(TileAddress, byte[])>) Cut(byte[] frame, TeleDerm.Dicom.DicomDataset? header, string sop)
    {
        RgbImage photo;
        byte[]? jpeg = null;
        if (StoredFrames.IsJpeg(frame))
        {
            // As DICOM viewers do: the frame's pixels as stored (TeleDerm stores photos upright; EXIF is not applied).
            photo = ImageDecoder.Decode(frame, new DecodeOptions { ApplyExifOrientation = false }).Image;
            jpeg = frame;
        }
        else
        {
            photo = (header is null ? null : StoredFrames.NativeRgb(header, frame))
                ?? throw new ImageDecodeException(ImageDecodeFailure.UnsupportedFormat, $"Image {sop}: only JPEG frames and 8-bit interleaved RGB can be shown.");
        }
        var layout = TilePyramidLayout.For(photo.Width, photo.Height);
        var tiles = new List<(TileAddress, byte[])>();
        TilePyramidBuilder.Build(photo, layout, (address, tile) => tiles.Add((address, tile)), jpeg);
        return (layout, tiles);
    }

    /// <summary>The index of a pack already on disk; null when there is none, or a damaged one (it is then made again).</summary>
    private TilePack? ReadMade(string sop)
    {
        try
        {
            return File.Exists(PathOf(sop)) ? Remember(sop, TilePack.ReadIndex(PathOf(sop))) : null;
        }
        catch (FileNotFoundException)
        {
            return null; // evicted between the two calls
        }
    }

    private TilePack? Remember(string sop, TilePack? pack)
    {
        if (pack is not null)
        {
            indexes.Set(sop, pack, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }
        return pack;
    }

    /// <summary>Least recently viewed goes first: a view sets the pack's modification time, at most once a minute.</summary>
    private void Touch(string sop, string path)
    {
        if (indexes.TryGetValue(("touched", sop), out _))
        {
            return;
        }
        indexes.Set(("touched", sop), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        BoundedFolder.Touch(path);
    }

    private string PathOf(string sop) => folder.PathOf(sop, $".v{FormatVersion}.tiles");

    public void Dispose()
    {
        indexes.Dispose();
        builds.Dispose();
    }
}

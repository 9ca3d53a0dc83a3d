using TeleDerm.Imaging.Codecs;

namespace TeleDerm.Imaging.Pyramids;

/// <summary>A tile of a pyramid: its level and its column and row in that level.</summary>
public readonly record struct TileAddress(int Level, int Column, int Row);

/// <summary>
/// Makes every tile of a <see cref="TilePyramidLayout"/> from the decoded photo: the top level is the photo cut
/// into tiles, each level below is the one above averaged 2 × 2 (the last column or row of an odd size averages
/// the pixels it has), and each tile is a JPEG of its own, so a viewer fetches only what is on screen. When the
/// photo is a JPEG, its top level is cut from the JPEG itself without re-encoding (<see cref="JpegLosslessCrop"/>):
/// full resolution shows the photographer's pixels exactly, and the largest level costs no encoding.
/// </summary>
public static class TilePyramidBuilder
{
    /// <summary>
    /// Quality of re-encoded tiles' JPEGs, in 4:4:4 (no colour subsampling, which would blur pigment network edges).
    /// A level of at most a megapixel (what a pane shows before zooming in) is encoded at <see cref="SmallLevelQuality"/>:
    /// the smaller a level, the denser its detail and the more JPEG loses, while its bytes stay few. With these, a
    /// photo's levels differ from a fresh decode by under one grey level on average (ImagePyramidTests).
    /// </summary>
    public const int DefaultQuality = 95;

    public const int SmallLevelQuality = 98;

    private const long SmallLevelPixels = 1_000_000;

    /// <summary>Makes every tile from the top level down and hands each to <paramref name="write"/>.</summary>
    /// <param name="photo">The photo decoded at full size.</param>
    /// <param name="jpegOfPhoto">The JPEG <paramref name="photo"/> was decoded from, if it was one (no EXIF rotation applied).</param>
    public static void Build(RgbImage photo, TilePyramidLayout layout, Action<TileAddress, byte[]> write, byte[]? jpegOfPhoto = null,
        int quality = DefaultQuality, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(write);
        if (photo.Width != layout.Width || photo.Height != layout.Height)
        {
            throw new ArgumentException($"The photo is {photo.Width}×{photo.Height}; the layout is for {layout.Width}×{layout.Height}.", nameof(photo));
        }
        var level = photo;
        for (var index = layout.MaxLevel; index >= layout.MinLevel; index--)
        {
            if (index < layout.MaxLevel)
            {
                level = Halve(level);
            }
            var (columns, rows) = layout.TileCount(index);
            if (index == layout.MaxLevel && jpegOfPhoto is not null && layout.TileSize % JpegLosslessCrop.Alignment == 0)
            {
                var addresses = Enumerable.Range(0, rows).SelectMany(row => Enumerable.Range(0, columns).Select(column => new TileAddress(index, column, row))).ToList();
                var pieces = JpegLosslessCrop.Crop(jpegOfPhoto, [.. addresses.Select(a => layout.TileBounds(a.Level, a.Column, a.Row))]);
                for (var i = 0; i < pieces.Length; i++)
                {
                    write(addresses[i], pieces[i]);
                }
                continue;
            }
            var levelQuality = (long)level.Width * level.Height <= SmallLevelPixels ? Math.Max(quality, SmallLevelQuality) : quality;
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < columns; column++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (x, y, width, height) = layout.TileBounds(index, column, row);
                    write(new TileAddress(index, column, row), JpegEncoder.EncodeRegion(level, x, y, width, height, levelQuality, chromaSubsampling: false));
                }
            }
        }
    }

    /// <summary>
    /// Half the size, rounded up: each pixel is the rounded mean of a 2 × 2 block; at an odd edge the block is
    /// clamped to the pixels that exist (the last pixel counted twice). For even sizes this is what
    /// <see cref="Resizing.ImageResizer"/>'s area averaging gives, in integers and without its float buffer of the
    /// whole level (72 MB for the first halving of a 12-megapixel photo).
    /// </summary>
    public static RgbImage Halve(RgbImage source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (width, height) = ((source.Width + 1) / 2, (source.Height + 1) / 2);
        var target = new byte[checked(width * height * 3)];
        var src = source.Pixels;
        var stride = source.Stride;
        for (var y = 0; y < height; y++)
        {
            var top = 2 * y * stride;
            var bottom = Math.Min(2 * y + 1, source.Height - 1) * stride;
            var output = y * width * 3;
            for (var x = 0; x < width; x++)
            {
                var left = 2 * x * 3;
                var right = Math.Min(2 * x + 1, source.Width - 1) * 3;
                for (var c = 0; c < 3; c++)
                {
                    target[output + x * 3 + c] = (byte)((src[top + left + c] + src[top + right + c] + src[bottom + left + c] + src[bottom + right + c] + 2) >> 2);
                }
            }
        }
        return new RgbImage(width, height, target);
    }
}

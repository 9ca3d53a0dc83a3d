using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Pyramids;
using TeleDerm.Imaging.Resizing;
using TeleDerm.Imaging.Tests.Support;
using Xunit.Abstractions;

namespace TeleDerm.Imaging.Tests;

/// <summary>The viewer's tiles: where each level and tile lies, and that what they show is the photo itself.</summary>
public sealed class ImagePyramidTests(ITestOutputHelper output)
{
    [Fact]
    public void A_12_megapixel_photo_has_levels_from_its_own_size_down_to_one_tile()
    {
        var layout = TilePyramidLayout.For(4000, 3000);

        Assert.Equal(12, layout.MaxLevel);
        Assert.Equal(9, layout.MinLevel);
        Assert.Equal(new ImageSize(4000, 3000), layout.LevelSize(12));
        Assert.Equal(new ImageSize(2000, 1500), layout.LevelSize(11));
        Assert.Equal(new ImageSize(500, 375), layout.LevelSize(9));
        Assert.Equal((8, 6), layout.TileCount(12));
        Assert.Equal((1, 1), layout.TileCount(9));
        // The last column and row are what is left of the level.
        Assert.Equal((3584, 2560, 416, 440), layout.TileBounds(12, 7, 5));
        Assert.False(layout.Contains(12, 8, 0));
        Assert.False(layout.Contains(8, 0, 0));
        Assert.False(layout.Contains(13, 0, 0));
        Assert.False(layout.Contains(10, -1, 0));
    }

    [Theory]
    [InlineData(1, 1, 0, 0)]
    [InlineData(512, 300, 9, 9)]
    [InlineData(513, 10, 10, 9)]   // 513 wide: level 10 has it whole, level 9 halves it to 257
    [InlineData(3001, 4003, 12, 9)] // odd sizes round up: 1501×2002, 751×1001, 376×501
    public void Levels_halve_rounding_up_as_OpenSeadragon_expects(int width, int height, int maxLevel, int minLevel)
    {
        var layout = TilePyramidLayout.For(width, height);

        Assert.Equal((maxLevel, minLevel), (layout.MaxLevel, layout.MinLevel));
        for (var level = minLevel; level <= maxLevel; level++)
        {
            var expected = new ImageSize((int)Math.Ceiling(width / Math.Pow(2, maxLevel - level)), (int)Math.Ceiling(height / Math.Pow(2, maxLevel - level)));
            Assert.Equal(expected, layout.LevelSize(level));
        }
        var smallest = layout.LevelSize(minLevel);
        Assert.True(smallest.Width <= 512 && smallest.Height <= 512);
    }

    [Fact]
    public void Halving_averages_each_two_by_two_block_and_keeps_an_odd_edge()
    {
        // 3×2, one channel shown (all three equal): the last column has no right neighbour.
        byte[] values = [10, 20, 30, 50, 60, 71];
        var source = new RgbImage(3, 2, [.. values.SelectMany(v => new[] { v, v, v })]);

        var half = TilePyramidBuilder.Halve(source);

        Assert.Equal((2, 1), (half.Width, half.Height));
        Assert.Equal(35, half.Pixels[0]);                  // (10 + 20 + 50 + 60) / 4
        Assert.Equal((30 + 30 + 71 + 71 + 2) / 4, half.Pixels[3]); // 51: the edge pixels counted twice
    }

    [Fact]
    public void A_lossless_crop_holds_exactly_the_pixels_of_its_region()
    {
        var photo = TestImages.Pattern(1000, 700);
        var jpeg = JpegEncoder.Encode(photo, 90, chromaSubsampling: false);
        var decoded = ImageDecoder.Decode(jpeg).Image;

        var pieces = JpegLosslessCrop.Crop(jpeg, [(512, 512, 488, 188), (0, 0, 512, 512)]);

        var corner = ImageDecoder.Decode(pieces[0]).Image;
        Assert.Equal((488, 188), (corner.Width, corner.Height));
        for (var y = 0; y < corner.Height; y++)
        {
            Assert.True(corner.Pixels.AsSpan(y * corner.Stride, corner.Stride).SequenceEqual(decoded.Pixels.AsSpan(((512 + y) * decoded.Width + 512) * 3, corner.Stride)), $"row {y}");
        }
        Assert.Equal((512, 512), (ImageDecoder.Decode(pieces[1]).Image.Width, ImageDecoder.Decode(pieces[1]).Image.Height));
    }

    [Fact]
    public void A_lossless_crop_refuses_what_is_not_a_jpeg_and_regions_off_the_block_grid()
    {
        var jpeg = JpegEncoder.Encode(TestImages.Pattern(64, 64), 90);

        Assert.Throws<ImageDecodeException>(() => JpegLosslessCrop.Crop("not a photo at all"u8, [(0, 0, 16, 16)]));
        Assert.Throws<ImageDecodeException>(() => JpegLosslessCrop.Crop(jpeg.AsSpan(0, 40), [(0, 0, 16, 16)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegLosslessCrop.Crop(jpeg, [(8, 0, 16, 16)]));
    }

    [Fact]
    public void Every_tile_is_made_once_at_its_own_size()
    {
        var photo = RgbImage.CreateBlank(1300, 700);
        var layout = TilePyramidLayout.For(photo.Width, photo.Height);
        var tiles = new Dictionary<TileAddress, byte[]>();

        TilePyramidBuilder.Build(photo, layout, (address, jpeg) => tiles.Add(address, jpeg));

        var expected = Enumerable.Range(layout.MinLevel, layout.MaxLevel - layout.MinLevel + 1).Sum(l => layout.TileCount(l).Columns * layout.TileCount(l).Rows);
        Assert.Equal(expected, tiles.Count);
        foreach (var (address, jpeg) in tiles)
        {
            var (_, _, width, height) = layout.TileBounds(address.Level, address.Column, address.Row);
            var decoded = ImageDecoder.Decode(jpeg).Image;
            Assert.Equal((width, height), (decoded.Width, decoded.Height));
        }
    }

    /// <summary>
    /// Test photos with the mean error allowed at every level: a photo-like picture (real dermoscopy photos at the
    /// size a lesion fills in a 12-megapixel frame) within one grey level; denser pictures than any camera's,
    /// where JPEG's loss grows, within looser bounds that still catch a misplaced or mis-scaled tile (tens of levels).
    /// </summary>
    public static TheoryData<string, double> Photos => new()
    {
        { "12 dermoscopy photos at 1000 × 1000 (photo-like)", 1.0 },
        { "192 dermoscopy photos at 250 × 250 (denser than a photo)", 1.5 },
        { "pixel noise of ±20 grey levels (no photo is this dense)", 2.5 },
    };

    /// <summary>
    /// What the viewer shows at each level equals a fresh decode of the stored photo reduced to that level's size by
    /// TeleDerm's resizer (area averaging): on average over every pixel and channel, within the bound given.
    /// </summary>
    [Theory]
    [MemberData(nameof(Photos))]
    public void Every_level_equals_a_fresh_decode_of_the_photo(string photo, double maxMeanError)
    {
        var original = photo.StartsWith("12 ", StringComparison.Ordinal) ? DermoscopyMosaic(4, 3, 1000)
            : photo.StartsWith("192 ", StringComparison.Ordinal) ? DermoscopyMosaic(16, 12, 250)
            : JpegEncoder.Encode(TestImages.Pattern(4000, 3000), 92);
        var fresh = ImageDecoder.Decode(original).Image;
        var layout = TilePyramidLayout.For(fresh.Width, fresh.Height);
        var levels = new Dictionary<int, RgbImage>();
        var bytes = new Dictionary<int, long>();
        TilePyramidBuilder.Build(ImageDecoder.Decode(original).Image, layout, jpegOfPhoto: original, write: (address, jpeg) =>
        {
            var size = layout.LevelSize(address.Level);
            bytes[address.Level] = bytes.GetValueOrDefault(address.Level) + jpeg.Length;
            var level = levels.TryGetValue(address.Level, out var image) ? image : levels[address.Level] = RgbImage.CreateBlank(size.Width, size.Height);
            var (x, y, _, _) = layout.TileBounds(address.Level, address.Column, address.Row);
            Paste(ImageDecoder.Decode(jpeg).Image, level, x, y);
        });

        Assert.Equal(Enumerable.Range(layout.MinLevel, layout.MaxLevel - layout.MinLevel + 1), levels.Keys.Order());
        var failures = new List<string>();
        foreach (var (level, stitched) in levels.OrderByDescending(l => l.Key))
        {
            var expected = level == layout.MaxLevel ? fresh : ImageResizer.Resize(fresh, stitched.Width, stitched.Height);
            var histogram = new long[256];
            for (var i = 0; i < stitched.Pixels.Length; i++)
            {
                histogram[Math.Abs(stitched.Pixels[i] - expected.Pixels[i])]++;
            }
            var mean = histogram.Select((count, error) => (double)count * error).Sum() / stitched.Pixels.Length;
            output.WriteLine($"{photo}, level {level} ({stitched.Width}×{stitched.Height}): mean error {mean:F3} grey levels, "
                + $"99th percentile {Percentile(histogram, 0.99)}, max {Array.FindLastIndex(histogram, c => c > 0)}; {bytes[level] / 1024} KB of tiles");
            if (mean > maxMeanError)
            {
                failures.Add($"level {level}: mean error {mean:F3} grey levels against a fresh decode (allowed {maxMeanError})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static int Percentile(long[] histogram, double fraction)
    {
        var (total, seen) = (histogram.Sum(), 0L);
        for (var error = 0; error < histogram.Length; error++)
        {
            seen += histogram[error];
            if (seen >= fraction * total)
            {
                return error;
            }
        }
        return histogram.Length - 1;
    }

    /// <summary>Real dermoscopy photos side by side, each resized to <paramref name="size"/> pixels square: real skin texture.</summary>
    private static byte[] DermoscopyMosaic(int across, int down, int size)
    {
        var files = Directory.GetFiles(RepoPaths.DermoscopyImages, "*.jpg").Order(StringComparer.Ordinal).Take(across * down).ToArray();
        var mosaic = RgbImage.CreateBlank(across * size, down * size);
        for (var i = 0; i < files.Length; i++)
        {
            Paste(ImageResizer.Resize(ImageDecoder.Decode(File.ReadAllBytes(files[i])).Image, size, size), mosaic, i % across * size, i / across * size);
        }
        return JpegEncoder.Encode(mosaic, 92);
    }

    private static void Paste(RgbImage tile, RgbImage into, int x, int y)
    {
        for (var row = 0; row < tile.Height; row++)
        {
            Array.Copy(tile.Pixels, row * tile.Stride, into.Pixels, ((y + row) * into.Width + x) * 3, tile.Stride);
        }
    }
}

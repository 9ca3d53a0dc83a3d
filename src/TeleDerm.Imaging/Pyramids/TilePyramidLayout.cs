namespace TeleDerm.Imaging.Pyramids;

/// <summary>
/// The levels and tiles of an image pyramid, in the Deep Zoom convention that OpenSeadragon reads: level
/// <see cref="MaxLevel"/> is the image itself, each level below is half the one above (rounded up), and a
/// level is cut into square tiles of <see cref="TileSize"/> pixels from its top-left corner (the last column
/// and row are narrower). Levels under <see cref="MinLevel"/> are not made: <see cref="MinLevel"/> already fits
/// one tile, and a pane never needs less.
/// </summary>
public sealed record TilePyramidLayout(int Width, int Height, int TileSize)
{
    public const int DefaultTileSize = 512;

    public static TilePyramidLayout For(int width, int height, int tileSize = DefaultTileSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 16);
        return new TilePyramidLayout(width, height, tileSize);
    }

    /// <summary>ceil(log2 of the longer side)): the level at which the image has its own size.</summary>
    public int MaxLevel => (int)Math.Ceiling(Math.Log2(Math.Max(Width, Height)));

    /// <summary>The smallest level made: the first, from the top, whose whole image fits one tile.</summary>
    public int MinLevel
    {
        get
        {
            var level = MaxLevel;
            while (level > 0 && (LevelSize(level).Width > TileSize || LevelSize(level).Height > TileSize))
            {
                level--;
            }
            return level;
        }
    }

    /// <summary>The image's size at a level: the full size divided by 2^(MaxLevel − level), rounded up.</summary>
    public ImageSize LevelSize(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        var shift = MaxLevel - level;
        return new ImageSize(Halved(Width, shift), Halved(Height, shift));
    }

    /// <summary>How many tiles across and down a level has.</summary>
    public (int Columns, int Rows) TileCount(int level)
    {
        var size = LevelSize(level);
        return ((size.Width + TileSize - 1) / TileSize, (size.Height + TileSize - 1) / TileSize);
    }

    /// <summary>Whether the level and tile exist in this pyramid (levels under <see cref="MinLevel"/> do not).</summary>
    public bool Contains(int level, int column, int row)
    {
        if (level < MinLevel || level > MaxLevel || column < 0 || row < 0)
        {
            return false;
        }
        var (columns, rows) = TileCount(level);
        return column < columns && row < rows;
    }

    /// <summary>The tile's rectangle in its level's pixels.</summary>
    public (int X, int Y, int Width, int Height) TileBounds(int level, int column, int row)
    {
        if (!Contains(level, column, row))
        {
            throw new ArgumentOutOfRangeException(nameof(level), $"No tile {column},{row} at level {level} of a {Width}×{Height} pyramid.");
        }
        var size = LevelSize(level);
        var (x, y) = (column * TileSize, row * TileSize);
        return (x, y, Math.Min(TileSize, size.Width - x), Math.Min(TileSize, size.Height - y));
    }

    private static int Halved(int length, int times)
    {
        for (var i = 0; i < times; i++)
        {
            length = (length + 1) / 2;
        }
        return length;
    }
}

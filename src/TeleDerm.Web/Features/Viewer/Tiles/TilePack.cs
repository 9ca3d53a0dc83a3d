using System.Buffers.Binary;
using TeleDerm.Imaging.Pyramids;

namespace TeleDerm.Web.Features.Viewer.Tiles;

/// <summary>
/// A photo's tiles in one file, so that a cache of thousands of photos is thousands of files, not millions, and a
/// photo is kept or evicted whole. Layout (little-endian): the magic "TDTILES1", the photo's width, height and tile
/// size, the number of tiles, then per tile its level, column, row, offset and length, then the tiles' JPEGs.
/// </summary>
public sealed class TilePack
{
    private static readonly byte[] Magic = "TDTILES1"u8.ToArray();
    private const int HeaderBytes = 8 + 4 * 4;
    private const int EntryBytes = 3 * 4 + 8 + 4;

    private readonly Dictionary<TileAddress, (long Offset, int Length)> entries;

    private TilePack(TilePyramidLayout layout, Dictionary<TileAddress, (long Offset, int Length)> entries)
    {
        Layout = layout;
        this.entries = entries;
    }

    public TilePyramidLayout Layout { get; }

    /// <summary>Writes the tiles, in the order given, to a new file at <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, TilePyramidLayout layout, IReadOnlyList<(TileAddress Address, byte[] Jpeg)> tiles, CancellationToken cancellationToken)
    {
        var index = new byte[HeaderBytes + tiles.Count * EntryBytes];
        Magic.CopyTo(index, 0);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(8), layout.Width);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(12), layout.Height);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(16), layout.TileSize);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(20), tiles.Count);
        long offset = index.Length;
        for (var i = 0; i < tiles.Count; i++)
        {
            var entry = index.AsSpan(HeaderBytes + i * EntryBytes);
            var (address, jpeg) = tiles[i];
            BinaryPrimitives.WriteInt32LittleEndian(entry, address.Level);
            BinaryPrimitives.WriteInt32LittleEndian(entry[4..], address.Column);
            BinaryPrimitives.WriteInt32LittleEndian(entry[8..], address.Row);
            BinaryPrimitives.WriteInt64LittleEndian(entry[12..], offset);
            BinaryPrimitives.WriteInt32LittleEndian(entry[20..], jpeg.Length);
            offset += jpeg.Length;
        }
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await file.WriteAsync(index, cancellationToken);
        foreach (var (_, jpeg) in tiles)
        {
            await file.WriteAsync(jpeg, cancellationToken);
        }
    }

    /// <summary>Reads a pack's index; a file that is not a whole pack (damaged, cut short, another format) gives null.</summary>
    public static TilePack? ReadIndex(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        var header = new byte[HeaderBytes];
        if (length < HeaderBytes || RandomAccess.Read(handle, header, 0) != HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            return null;
        }
        var (width, height, tileSize, count) = (Int(header, 8), Int(header, 12), Int(header, 16), Int(header, 20));
        if (width <= 0 || height <= 0 || tileSize < 16 || count <= 0 || count > 1_000_000 || HeaderBytes + (long)count * EntryBytes > length)
        {
            return null;
        }
        var index = new byte[count * EntryBytes];
        RandomAccess.Read(handle, index, HeaderBytes);
        var entries = new Dictionary<TileAddress, (long, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = index.AsSpan(i * EntryBytes);
            var (offset, size) = (BinaryPrimitives.ReadInt64LittleEndian(entry[12..]), BinaryPrimitives.ReadInt32LittleEndian(entry[20..]));
            if (offset < HeaderBytes || size <= 0 || offset + size > length)
            {
                return null;
            }
            entries[new TileAddress(BinaryPrimitives.ReadInt32LittleEndian(entry), BinaryPrimitives.ReadInt32LittleEndian(entry[4..]), BinaryPrimitives.ReadInt32LittleEndian(entry[8..]))] = (offset, size);
        }
        return new TilePack(TilePyramidLayout.For(width, height, tileSize), entries);
    }

    /// <summary>The tile's JPEG, or null when the pack has no such tile.</summary>
    public async Task<byte[]?> ReadTileAsync(string path, TileAddress address, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(address, out var entry))
        {
            return null;
        }
        using var handle = File.OpenHandle(path, options: FileOptions.Asynchronous);
        var jpeg = new byte[entry.Length];
        var read = await RandomAccess.ReadAsync(handle, jpeg, entry.Offset, cancellationToken);
        return read == jpeg.Length ? jpeg : null;
    }

    private static int Int(byte[] bytes, int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
}

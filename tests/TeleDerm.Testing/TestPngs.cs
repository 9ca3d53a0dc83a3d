using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TeleDerm.Testing;

/// <summary>Minimal RGB PNGs written row by row (filter none), so that a test can make a picture far larger than it could hold.</summary>
public static class TestPngs
{
    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> whose row y is <paramref name="row"/>(y) (width × 3 bytes).</summary>
    public static byte[] Encode(int width, int height, Func<int, byte[]> row)
    {
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                z.Write(row(y));
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", Header(width, height));
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>One colour everywhere: a decompression bomb when large (10000×10000 is a few hundred KB).</summary>
    public static byte[] Flat(int width, int height, byte red = 0xC8, byte green = 0x96, byte blue = 0x82)
    {
        var line = new byte[width * 3];
        for (var x = 0; x < width; x++)
        {
            (line[3 * x], line[3 * x + 1], line[3 * x + 2]) = (red, green, blue);
        }
        return Encode(width, height, _ => line);
    }

    /// <summary>Signature and IHDR only: declares any size, holds no pixel.</summary>
    public static byte[] HeaderOnly(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", Header(width, height));
        return png.ToArray();
    }

    private static byte[] Header(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        return ihdr;
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        output.Write(length);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}

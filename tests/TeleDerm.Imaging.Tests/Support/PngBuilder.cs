using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TeleDerm.Imaging.Tests.Support;

/// <summary>Writes small PNG files chunk by chunk (zlib via System.IO.Compression, CRC-32 by hand) so tests can craft valid and hostile inputs.</summary>
internal static class PngBuilder
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>An 8-bit truecolour, non-interlaced PNG of the image, with optional extra chunks before IDAT.</summary>
    public static byte[] Rgb(RgbImage image, params (string Type, byte[] Data)[] extraChunks)
    {
        using var output = new MemoryStream();
        output.Write(Signature);
        WriteChunk(output, "IHDR", Ihdr((uint)image.Width, (uint)image.Height));
        foreach ((string type, byte[] data) in extraChunks)
        {
            WriteChunk(output, type, data);
        }

        WriteChunk(output, "IDAT", Compress(Scanlines(image)));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A PNG whose IHDR declares the given size, followed by a tiny IDAT: a decompression bomb's header.</summary>
    public static byte[] HeaderOnly(uint width, uint height)
    {
        using var output = new MemoryStream();
        output.Write(Signature);
        WriteChunk(output, "IHDR", Ihdr(width, height));
        WriteChunk(output, "IDAT", Compress(new byte[1024]));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>
    /// Any colour type and bit depth: <paramref name="rows"/> holds each row's packed samples (without the
    /// filter byte, big-endian for 16-bit), written non-interlaced with filter None.
    /// </summary>
    public static byte[] Raw(uint width, uint height, byte bitDepth, byte colourType, byte[][] rows, params (string Type, byte[] Data)[] chunksBeforeData)
    {
        using var output = new MemoryStream();
        output.Write(Signature);
        WriteChunk(output, "IHDR", Ihdr(width, height, bitDepth, colourType));
        foreach ((string type, byte[] data) in chunksBeforeData)
        {
            WriteChunk(output, type, data);
        }

        WriteChunk(output, "IDAT", Compress(rows.SelectMany(row => new byte[] { 0 }.Concat(row)).ToArray()));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static byte[] Ihdr(uint width, uint height, byte bitDepth = 8, byte colourType = 2)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colourType; // 0 grey, 2 truecolour, 3 palette, 4 grey+alpha, 6 truecolour+alpha
        return ihdr;          // compression, filter, interlace: 0
    }

    public static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> u32 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(u32, (uint)data.Length);
        output.Write(u32);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(u32, Crc32(typeAndData));
        output.Write(u32);
    }

    private static byte[] Scanlines(RgbImage image)
    {
        var raw = new byte[image.Height * (1 + image.Stride)];
        for (int y = 0; y < image.Height; y++)
        {
            raw[y * (1 + image.Stride)] = 0; // filter type None
            Array.Copy(image.Pixels, y * image.Stride, raw, (y * (1 + image.Stride)) + 1, image.Stride);
        }

        return raw;
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

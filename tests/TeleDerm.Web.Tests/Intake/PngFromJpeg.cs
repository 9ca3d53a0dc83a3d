using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>Makes a PNG of a JPEG for tests: djpeg gives the pixels (PPM), we write a minimal RGB PNG.</summary>
internal static class PngFromJpeg
{
    public static byte[] Convert(string jpegPath)
    {
        var ppm = Path.GetTempFileName();
        ProcessRunner.Run("djpeg", ["-pnm", "-outfile", ppm, jpegPath]);
        var bytes = File.ReadAllBytes(ppm);
        File.Delete(ppm);
        // PPM header: "P6\n<w> <h>\n255\n" (djpeg writes exactly this form).
        var header = Encoding.ASCII.GetString(bytes, 0, 32).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        int width = int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture), height = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
        var pixels = bytes.AsSpan(bytes.Length - width * height * 3);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                z.Write(pixels.Slice(y * width * 3, width * 3));
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
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

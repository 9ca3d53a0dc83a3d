using System.Text;

namespace TeleDerm.Imaging.Tests.Support;

/// <summary>Reads and writes binary PPM (P6) and PGM (P5), the formats djpeg and cjpeg speak.</summary>
internal static class Netpbm
{
    /// <summary>Parses P6 (RGB) or P5 (grey, expanded to RGB) with maxval 255.</summary>
    public static RgbImage Read(byte[] data)
    {
        int pos = 0;
        string magic = Token(data, ref pos);
        int width = int.Parse(Token(data, ref pos));
        int height = int.Parse(Token(data, ref pos));
        int maxval = int.Parse(Token(data, ref pos));
        Assert.Equal(255, maxval);
        pos++; // single whitespace after maxval
        var pixels = new byte[width * height * 3];
        if (magic == "P6")
        {
            Array.Copy(data, pos, pixels, 0, pixels.Length);
        }
        else
        {
            Assert.Equal("P5", magic);
            for (int i = 0; i < width * height; i++)
            {
                pixels[i * 3] = pixels[(i * 3) + 1] = pixels[(i * 3) + 2] = data[pos + i];
            }
        }

        return new RgbImage(width, height, pixels);
    }

    public static byte[] WritePpm(RgbImage image)
    {
        byte[] header = Encoding.ASCII.GetBytes($"P6\n{image.Width} {image.Height}\n255\n");
        return [.. header, .. image.Pixels];
    }

    private static string Token(byte[] data, ref int pos)
    {
        while (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#')
        {
            if (data[pos] == '#')
            {
                while (data[pos] != '\n') pos++;
            }

            pos++;
        }

        int start = pos;
        while (!char.IsWhiteSpace((char)data[pos])) pos++;
        return Encoding.ASCII.GetString(data, start, pos - start);
    }
}

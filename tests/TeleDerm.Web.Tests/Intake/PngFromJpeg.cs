using System.Text;
using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>Makes a PNG of a JPEG for tests: djpeg gives the pixels (PPM), <see cref="TestPngs"/> writes them as an RGB PNG.</summary>
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
        var start = bytes.Length - width * height * 3;
        return TestPngs.Encode(width, height, y => bytes.AsSpan(start + y * width * 3, width * 3).ToArray());
    }
}

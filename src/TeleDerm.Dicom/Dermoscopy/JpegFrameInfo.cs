using System.Buffers.Binary;

namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>What the Start Of Frame marker of a JPEG (ITU-T T.81 B.2.2) says: size, precision, components, sampling.</summary>
public sealed record JpegFrameInfo(int Width, int Height, int Precision, int Components, bool IsBaseline, bool IsChromaSubsampled, bool HasAdobeRgbTransform)
{
    /// <summary>Photometric Interpretation for the JPEG's bytes kept as they are, PS3.5 8.2.1 and PS3.3 C.7.6.3.1.2:
    /// subsampled (4:2:2, 4:2:0) colour is YBR_FULL_422; full-resolution YCbCr is YBR_FULL; Adobe's untransformed RGB is RGB.</summary>
    public string PhotometricInterpretation =>
        Components == 1 ? "MONOCHROME2"
        : HasAdobeRgbTransform ? "RGB"
        : IsChromaSubsampled ? "YBR_FULL_422"
        : "YBR_FULL";

    public static JpegFrameInfo Parse(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw new FormatException("not a JPEG: no SOI marker (FF D8)");
        var adobeRgb = false;
        var i = 2;
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
                throw new FormatException($"JPEG marker expected at byte {i}");
            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            if (length < 2 || i + 2 + length > jpeg.Length)
                throw new FormatException($"JPEG segment at byte {i} runs past the end");
            var segment = jpeg.Slice(i + 4, length - 2);
            // APP14 "Adobe" with transform 0: the components are RGB, not YCbCr.
            if (marker == 0xEE && segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
                adobeRgb = segment[11] == 0;
            if (marker is >= 0xC0 and <= 0xCF && marker is not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (segment.Length < 6)
                    throw new FormatException("JPEG SOF segment too short");
                var components = segment[5];
                if (segment.Length < 6 + (3 * components))
                    throw new FormatException("JPEG SOF segment too short for its components");
                var subsampled = false;
                var first = segment[7];
                for (var c = 1; c < components; c++)
                {
                    if (segment[7 + (3 * c)] != first)
                        subsampled = true;
                }

                return new JpegFrameInfo(
                    Width: BinaryPrimitives.ReadUInt16BigEndian(segment[3..]),
                    Height: BinaryPrimitives.ReadUInt16BigEndian(segment[1..]),
                    Precision: segment[0],
                    Components: components,
                    IsBaseline: marker == 0xC0,
                    IsChromaSubsampled: subsampled,
                    HasAdobeRgbTransform: adobeRgb && components == 3);
            }

            if (marker == 0xDA)
                break;
            i += 2 + length;
        }

        throw new FormatException("JPEG has no Start Of Frame marker before its scan");
    }
}

using System.Buffers.Binary;

namespace TeleDerm.Imaging.Exif;

/// <summary>
/// Finds the Orientation tag in IFD0 of the EXIF block (JPEG APP1 "Exif\0\0" segment or PNG eXIf
/// chunk). Anything malformed yields <see cref="ExifOrientation.Normal"/>: a broken EXIF block must
/// never make an otherwise good photo undecodable.
/// </summary>
public static class ExifOrientationReader
{
    private const ushort OrientationTag = 0x0112;
    private const ushort TiffTypeShort = 3;

    public static ExifOrientation FromJpeg(ReadOnlySpan<byte> jpeg)
    {
        int pos = 2; // after SOI
        while (pos + 4 <= jpeg.Length)
        {
            if (jpeg[pos] != 0xFF)
            {
                return ExifOrientation.Normal;
            }

            byte marker = jpeg[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            // Start of scan or end of image: metadata segments are over.
            if (marker is 0xDA or 0xD9)
            {
                return ExifOrientation.Normal;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(pos + 2, 2));
            if (length < 2 || pos + 2 + length > jpeg.Length)
            {
                return ExifOrientation.Normal;
            }

            ReadOnlySpan<byte> payload = jpeg.Slice(pos + 4, length - 2);
            if (marker == 0xE1 && payload.StartsWith("Exif\0\0"u8))
            {
                return FromTiff(payload[6..]);
            }

            pos += 2 + length;
        }

        return ExifOrientation.Normal;
    }

    public static ExifOrientation FromPng(ReadOnlySpan<byte> png)
    {
        int pos = 8; // after the signature
        while (pos + 12 <= png.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4));
            ReadOnlySpan<byte> type = png.Slice(pos + 4, 4);
            if (length > int.MaxValue || pos + 12L + length > png.Length || type.SequenceEqual("IEND"u8))
            {
                return ExifOrientation.Normal;
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                return FromTiff(png.Slice(pos + 8, (int)length));
            }

            pos += 12 + (int)length;
        }

        return ExifOrientation.Normal;
    }

    /// <summary>Reads Orientation from a TIFF header + IFD0, in either byte order ("II" or "MM").</summary>
    public static ExifOrientation FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return ExifOrientation.Normal;
        }

        bool little;
        if (tiff.StartsWith("II"u8)) little = true;
        else if (tiff.StartsWith("MM"u8)) little = false;
        else return ExifOrientation.Normal;

        ushort U16(ReadOnlySpan<byte> t, int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(t.Slice(at, 2)) : BinaryPrimitives.ReadUInt16BigEndian(t.Slice(at, 2));
        uint U32(ReadOnlySpan<byte> t, int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(t.Slice(at, 4)) : BinaryPrimitives.ReadUInt32BigEndian(t.Slice(at, 4));

        if (U16(tiff, 2) != 42)
        {
            return ExifOrientation.Normal;
        }

        uint ifd = U32(tiff, 4);
        if (ifd < 8 || ifd > tiff.Length - 2)
        {
            return ExifOrientation.Normal;
        }

        int count = U16(tiff, (int)ifd);
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return ExifOrientation.Normal;
            }

            if (U16(tiff, entry) != OrientationTag)
            {
                continue;
            }

            // SHORT, count 1: the value sits in the first two bytes of the value field.
            if (U16(tiff, entry + 2) != TiffTypeShort || U32(tiff, entry + 4) != 1)
            {
                return ExifOrientation.Normal;
            }

            ushort value = U16(tiff, entry + 8);
            return value is >= 1 and <= 8 ? (ExifOrientation)value : ExifOrientation.Normal;
        }

        return ExifOrientation.Normal;
    }
}

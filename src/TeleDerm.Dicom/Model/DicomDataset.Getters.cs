using System.Buffers.Binary;
using System.Globalization;

namespace TeleDerm.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>The whole value as text (trailing padding removed); binary values are joined with a backslash.</summary>
    public string? GetString(DicomTag tag)
    {
        if (GetItem(tag) is not DicomElement element)
            return null;
        if (element.VR.IsString)
        {
            var text = DecodeText(element.VR, element.Buffer.GetBytes().Span);
            return text.TrimEnd(' ', '\0');
        }

        if (element.VR.ValueSize > 0)
            return string.Join('\\', GetBinaryNumbers(element).Select(n => Convert.ToString(n, CultureInfo.InvariantCulture)));
        return null;
    }

    public string? GetString(string keyword) => GetString(TagOf(keyword));

    /// <summary>Each value of a multi-valued string (PS3.5 6.4), spaces around each value removed.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        if (GetItem(tag) is not DicomElement element || element.Length == 0)
            return [];
        if (!element.VR.IsString)
            return (GetString(tag) ?? "").Split('\\');
        var text = DecodeText(element.VR, element.Buffer.GetBytes().Span);
        if (element.VR.IsSingleValuedText)
            return [text.TrimEnd(' ', '\0')];
        return text.Split('\\').Select(v => v.Trim(' ', '\0')).ToArray();
    }

    public string[] GetStrings(string keyword) => GetStrings(TagOf(keyword));

    /// <summary>Integer values of US, SS, UL, SL, SV, UV or IS (and whole DS values); a value that is not an
    /// integer raises <see cref="DicomFormatException"/> with the element's offset.</summary>
    public long[] GetIntegers(DicomTag tag)
    {
        if (GetItem(tag) is not DicomElement element)
            return [];
        if (element.VR.IsString)
        {
            return GetStrings(tag).Where(s => s.Length > 0)
                .Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                    : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e18 ? (long)d
                    : throw BadValue(element, $"'{s}' is not an integer"))
                .ToArray();
        }

        return GetBinaryNumbers(element)
            .Select(n => n is ulong u && u > long.MaxValue ? throw BadValue(element, $"{u} does not fit a signed 64-bit integer") : Convert.ToInt64(n, CultureInfo.InvariantCulture))
            .ToArray();
    }

    public int? GetInt(DicomTag tag, int index = 0)
    {
        var values = GetIntegers(tag);
        if (index >= values.Length)
            return null;
        return values[index] is >= int.MinValue and <= int.MaxValue
            ? (int)values[index]
            : throw BadValue((DicomElement)GetItem(tag)!, $"{values[index]} does not fit a 32-bit integer");
    }

    private static DicomFormatException BadValue(DicomElement element, string reason) =>
        new(Math.Max(0, element.Offset), $"{element.Tag} {element.VR}: {reason}");

    public int? GetInt(string keyword, int index = 0) => GetInt(TagOf(keyword), index);

    /// <summary>Values of FL, FD, OF, OD, DS, IS or any integer VR as doubles.</summary>
    public double[] GetDoubles(DicomTag tag)
    {
        if (GetItem(tag) is not DicomElement element)
            return [];
        if (element.VR.IsString)
        {
            return GetStrings(tag).Where(s => s.Length > 0)
                .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                    : throw BadValue(element, $"'{s}' is not a number"))
                .ToArray();
        }

        return GetBinaryNumbers(element).Select(n => Convert.ToDouble(n, CultureInfo.InvariantCulture)).ToArray();
    }

    public double? GetDouble(DicomTag tag, int index = 0)
    {
        var values = GetDoubles(tag);
        return index < values.Length ? values[index] : null;
    }

    public double? GetDouble(string keyword, int index = 0) => GetDouble(TagOf(keyword), index);

    /// <summary>A DA value, YYYYMMDD (PS3.5 6.2); the pre-3.0 form YYYY.MM.DD is accepted.</summary>
    public DateOnly? GetDate(DicomTag tag)
    {
        var text = GetStrings(tag).FirstOrDefault()?.Replace(".", "", StringComparison.Ordinal);
        return text is not null && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    public DateOnly? GetDate(string keyword) => GetDate(TagOf(keyword));

    public DicomSequence? GetSequence(DicomTag tag) => GetItem(tag) as DicomSequence;

    public DicomSequence? GetSequence(string keyword) => GetSequence(TagOf(keyword));

    public DicomUid? GetUid(DicomTag tag) => GetString(tag) is { Length: > 0 } s ? new DicomUid(s) : null;

    /// <summary>The values of a binary element by its VR (little endian in memory), as boxed numbers.</summary>
    internal static IEnumerable<object> GetBinaryNumbers(DicomElement element)
    {
        var bytes = element.Buffer.GetBytes();
        var vr = element.VR;
        var size = vr.ValueSize;
        if (size == 0)
            yield break;
        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            var s = bytes.Span.Slice(i, size);
            if (vr == DicomVR.US || vr == DicomVR.OW)
                yield return BinaryPrimitives.ReadUInt16LittleEndian(s);
            else if (vr == DicomVR.SS)
                yield return BinaryPrimitives.ReadInt16LittleEndian(s);
            else if (vr == DicomVR.UL || vr == DicomVR.OL)
                yield return BinaryPrimitives.ReadUInt32LittleEndian(s);
            else if (vr == DicomVR.SL)
                yield return BinaryPrimitives.ReadInt32LittleEndian(s);
            else if (vr == DicomVR.FL || vr == DicomVR.OF)
                yield return BinaryPrimitives.ReadSingleLittleEndian(s);
            else if (vr == DicomVR.FD || vr == DicomVR.OD)
                yield return BinaryPrimitives.ReadDoubleLittleEndian(s);
            else if (vr == DicomVR.SV)
                yield return BinaryPrimitives.ReadInt64LittleEndian(s);
            else if (vr == DicomVR.UV || vr == DicomVR.OV)
                yield return BinaryPrimitives.ReadUInt64LittleEndian(s);
            else if (vr == DicomVR.AT)
                yield return ((uint)BinaryPrimitives.ReadUInt16LittleEndian(s) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(s[2..]);
        }
    }
}

using System.Globalization;
using System.Text;

namespace TeleDerm.DicomDictionaryGenerator;

/// <summary>Reads dcmtk's dicom.dic: "(gggg,eeee)\tVR\tKeyword\tVM\tVersion", ranges as "6000-60FF".</summary>
internal static class DcmtkDictionaryParser
{
    public static List<DictionaryLine> Parse(IEnumerable<string> lines)
    {
        var result = new List<DictionaryLine>();
        foreach (var raw in lines)
        {
            if (raw.Length == 0 || raw[0] == '#')
                continue;
            var fields = raw.Split('\t');
            if (fields.Length < 5)
                continue;
            var version = fields[4].Trim();
            // Only attributes of the standard itself; DICONDE/DICOS and dcmtk's generic entries are not PS3.6.
            if (version != "DICOM" && version != "DICOM/retired")
                continue;
            var tag = fields[0].Trim().TrimStart('(').TrimEnd(')').Split(',');
            var (g0, g1) = ParseRange(tag[0]);
            var (e0, e1) = ParseRange(tag[1]);
            var keyword = fields[2].Trim();
            var retired = keyword.StartsWith("RETIRED_", StringComparison.Ordinal);
            if (retired)
                keyword = keyword["RETIRED_".Length..];
            result.Add(new DictionaryLine(g0, g1, e0, e1, MapVr(fields[1].Trim()), fields[3].Trim(), keyword, NameFromKeyword(keyword), retired));
        }

        return result;
    }

    private static (ushort First, ushort Last) ParseRange(string text)
    {
        var parts = text.Split('-');
        var first = ushort.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var last = parts.Length > 1 ? ushort.Parse(parts[^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : first;
        return (first, last);
    }

    // dcmtk's pseudo VRs stand for the alternatives PS3.6 lists ("US or SS", "OB or OW").
    private static string[] MapVr(string vr) => vr switch
    {
        "xs" => ["US", "SS"],
        "ox" => ["OB", "OW"],
        "px" => ["OB", "OW"],
        "lt" => ["US", "SS", "OW"],
        "up" => ["UL"],
        "na" => [],
        _ => [vr],
    };

    /// <summary>dcmtk's dictionary has no attribute names; derive "Patient ID" from "PatientID".</summary>
    internal static string NameFromKeyword(string keyword)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < keyword.Length; i++)
        {
            var c = keyword[i];
            if (i > 0 && char.IsUpper(c))
            {
                var prev = keyword[i - 1];
                var nextIsLower = i + 1 < keyword.Length && char.IsLower(keyword[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                    sb.Append(' ');
            }
            else if (i > 0 && char.IsDigit(c) && char.IsLetter(keyword[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}

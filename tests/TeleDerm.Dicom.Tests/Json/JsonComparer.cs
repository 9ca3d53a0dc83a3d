using System.Text.Json;

namespace TeleDerm.Dicom.Tests.Json;

/// <summary>Compares two DICOM JSON documents element by element: keys, VRs, values (numbers by value),
/// sequence structure; InlineBinary only where both sides have it.</summary>
public static class JsonComparer
{
    public static List<string> Compare(string ours, string theirs)
    {
        using var a = JsonDocument.Parse(ours);
        using var b = JsonDocument.Parse(theirs);
        var differences = new List<string>();
        CompareDataset(a.RootElement, b.RootElement, "", differences);
        return differences;
    }

    private static void CompareDataset(JsonElement a, JsonElement b, string path, List<string> differences)
    {
        var keysA = a.EnumerateObject().Select(p => p.Name).ToHashSet();
        var keysB = b.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var key in keysA.Except(keysB).Order())
            differences.Add($"{path}{key}: only in ours");
        foreach (var key in keysB.Except(keysA).Order())
            differences.Add($"{path}{key}: only in dcm2json");
        foreach (var key in keysA.Intersect(keysB).Order())
            CompareElement(a.GetProperty(key), b.GetProperty(key), path + key, differences);
    }

    private static void CompareElement(JsonElement a, JsonElement b, string path, List<string> differences)
    {
        var vrA = a.GetProperty("vr").GetString();
        var vrB = b.GetProperty("vr").GetString();
        if (vrA != vrB)
            differences.Add($"{path}: VR {vrA} vs {vrB}");
        var hasBinaryA = a.TryGetProperty("InlineBinary", out var binA);
        var hasBinaryB = b.TryGetProperty("InlineBinary", out var binB);
        if (hasBinaryA && hasBinaryB && binA.GetString() != binB.GetString())
            differences.Add($"{path}: InlineBinary differs");
        var hasValueA = a.TryGetProperty("Value", out var valueA);
        var hasValueB = b.TryGetProperty("Value", out var valueB);
        if (hasValueA != hasValueB)
        {
            differences.Add($"{path}: Value present {hasValueA} vs {hasValueB}");
            return;
        }

        if (!hasValueA)
            return;
        var listA = valueA.EnumerateArray().ToList();
        var listB = valueB.EnumerateArray().ToList();
        if (listA.Count != listB.Count)
        {
            differences.Add($"{path}: {listA.Count} values vs {listB.Count}");
            return;
        }

        for (var i = 0; i < listA.Count; i++)
            CompareValue(listA[i], listB[i], $"{path}[{i}]", vrA == "SQ", differences);
    }

    private static void CompareValue(JsonElement a, JsonElement b, string path, bool isItem, List<string> differences)
    {
        if (isItem)
        {
            CompareDataset(a, b, path + ".", differences);
            return;
        }

        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            var x = a.GetDouble();
            var y = b.GetDouble();
            if (x != y && Math.Abs(x - y) > 1e-6 * Math.Max(Math.Abs(x), Math.Abs(y)))
                differences.Add($"{path}: {a.GetRawText()} vs {b.GetRawText()}");
            return;
        }

        // dcmtk keeps a NUL used as padding inside DS/IS text and then writes it as a string ("1\u0000");
        // we drop the padding and write the number (see docs/dicom-conformance.md).
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.String
            && b.GetString() is { } text && text.EndsWith('\0')
            && double.TryParse(text.TrimEnd('\0', ' '), System.Globalization.CultureInfo.InvariantCulture, out var padded) && padded == a.GetDouble())
            return;

        if (a.ValueKind != b.ValueKind || !JsonElement.DeepEquals(a, b))
            differences.Add($"{path}: {a.GetRawText()} vs {b.GetRawText()}");
    }
}

using System.Globalization;

namespace TeleDerm.RiskModelBuilder.Training;

/// <summary>One row of labels.csv: the image, melanoma or not, and the patient's age when known.</summary>
internal sealed record LabelledImage(string File, string IsicId, bool Melanoma, double? AgeYears);

internal static class LabelledImages
{
    /// <summary>Vertical stripe patterns with no lesion (broken redistributed thumbnails; see the data set's MANIFEST.md).</summary>
    public static readonly IReadOnlySet<string> CorruptedIsicIds = new HashSet<string>(
    [
        "ISIC_0000011", "ISIC_0000029", "ISIC_0000033", "ISIC_0000037", "ISIC_0000045", "ISIC_0000046",
        "ISIC_0000060", "ISIC_0000071", "ISIC_0000077", "ISIC_0000091", "ISIC_0000095", "ISIC_0000125",
    ]);

    /// <summary>Reads labels.csv (no quoted fields in this file); columns are found by header name.</summary>
    public static IReadOnlyList<LabelledImage> Read(string dataFolder)
    {
        string[] lines = File.ReadAllLines(Path.Combine(dataFolder, "labels.csv"));
        string[] header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"labels.csv has no column '{name}'.");
        int file = Column("file"), id = Column("isic_id"), melanoma = Column("melanoma"), age = Column("age_approx");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            string[] cells = line.Split(',');
            double? years = double.TryParse(cells[age], NumberStyles.Float, CultureInfo.InvariantCulture, out double a) ? a : null;
            return new LabelledImage(Path.Combine(dataFolder, cells[file]), cells[id], cells[melanoma] == "1", years);
        })];
    }
}

namespace TeleDerm.Core.Cases;

/// <summary>
/// The coded list of body sites offered to GPs: SNOMED CT codes as DICOM's Anatomic Region Sequence
/// expects them (PS3.16 CID 4031 subset for skin). What a reader sees is in the web host's texts ("BodySite.{code}").
/// </summary>
public static class BodySites
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "69536005",  // Head
        "89545001",  // Face
        "41695006",  // Scalp
        "45048000",  // Neck
        "51185008",  // Chest (thorax)
        "302553009", // Abdomen (entire)
        "77568009",  // Back
        "40983000",  // Upper arm
        "14975008",  // Forearm
        "85562004",  // Hand
        "68367000",  // Thigh
        "30021000",  // Lower leg
        "56459004",  // Foot
        "39937001",  // Skin (unspecified site)
    ];

    /// <summary>Code meanings written into DICOM (Code Meaning is in English by convention).</summary>
    private static readonly Dictionary<string, string> English = new()
    {
        ["69536005"] = "Head", ["89545001"] = "Face", ["41695006"] = "Scalp", ["45048000"] = "Neck", ["51185008"] = "Thorax",
        ["302553009"] = "Abdomen", ["77568009"] = "Back", ["40983000"] = "Upper arm", ["14975008"] = "Forearm", ["85562004"] = "Hand",
        ["68367000"] = "Thigh", ["30021000"] = "Lower leg", ["56459004"] = "Foot", ["39937001"] = "Skin",
    };

    public static string EnglishLabel(string code) => English.GetValueOrDefault(code, "Skin");
}

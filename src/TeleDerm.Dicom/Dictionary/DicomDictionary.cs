using System.Collections.Frozen;

namespace TeleDerm.Dicom.Dictionary;

/// <summary>Looks up PS3.6 attributes by tag or keyword (the generated table from dcmtk's dictionary).</summary>
public static class DicomDictionary
{
    private static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByTag =
        DicomDictionaryData.Entries.Where(e => !e.IsRange).GroupBy(e => e.Tag.Value).ToFrozenDictionary(g => g.Key, g => g.First());

    private static readonly DicomDictionaryEntry[] Ranges = DicomDictionaryData.Entries.Where(e => e.IsRange).ToArray();

    private static readonly FrozenDictionary<string, DicomDictionaryEntry> ByKeyword =
        DicomDictionaryData.Entries.OrderBy(e => e.IsRetired).GroupBy(e => e.Keyword, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static int Count => DicomDictionaryData.Entries.Length;

    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        if (ByTag.TryGetValue(tag.Value, out var entry))
            return entry;
        foreach (var range in Ranges)
        {
            if (range.Matches(tag))
                return range;
        }

        return null;
    }

    public static DicomDictionaryEntry? Find(string keyword) => ByKeyword.GetValueOrDefault(keyword);

    /// <summary>The VR for implicit VR encoding, PS3.5 A.1: dictionary VR; group length UL;
    /// private creator LO; anything else unknown UN.</summary>
    public static DicomVR ImplicitVR(DicomTag tag)
    {
        if (tag.IsGroupLength)
            return DicomVR.UL;
        if (tag.IsPrivateCreator)
            return DicomVR.LO;
        if (tag.IsPrivate)
            return DicomVR.UN;
        return Find(tag)?.ImplicitVR ?? DicomVR.UN;
    }
}

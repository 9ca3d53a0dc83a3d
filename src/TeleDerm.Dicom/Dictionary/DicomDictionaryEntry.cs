namespace TeleDerm.Dicom.Dictionary;

/// <summary>One attribute of the PS3.6 registry; repeating groups (e.g. 60xx) cover a range of tags.</summary>
public sealed class DicomDictionaryEntry(
    ushort groupFirst,
    ushort groupLast,
    ushort elementFirst,
    ushort elementLast,
    string[] valueRepresentations,
    string valueMultiplicity,
    string keyword,
    string name,
    bool isRetired)
{
    public DicomTag Tag { get; } = new(groupFirst, elementFirst);
    public ushort GroupLast { get; } = groupLast;
    public ushort ElementLast { get; } = elementLast;
    public IReadOnlyList<DicomVR> ValueRepresentations { get; } = valueRepresentations.Select(DicomVR.Parse).ToArray();
    public string ValueMultiplicity { get; } = valueMultiplicity;
    public string Keyword { get; } = keyword;
    public string Name { get; } = name;
    public bool IsRetired { get; } = isRetired;

    internal bool IsRange => GroupLast != Tag.Group || ElementLast != Tag.Element;

    /// <summary>The VR an implicit VR reader assumes: OW for "OB or OW" (PS3.5 A.1 c), else the first listed.</summary>
    public DicomVR ImplicitVR =>
        ValueRepresentations.Count == 0 ? DicomVR.UN
        : ValueRepresentations.Contains(DicomVR.OW) ? DicomVR.OW
        : ValueRepresentations[0];

    internal bool Matches(DicomTag tag) =>
        tag.Group >= Tag.Group && tag.Group <= GroupLast && tag.Element >= Tag.Element && tag.Element <= ElementLast
        // Repeating groups 50xx/60xx use even groups only, PS3.5 7.6.
        && (GroupLast == Tag.Group || (tag.Group & 1) == 0);
}

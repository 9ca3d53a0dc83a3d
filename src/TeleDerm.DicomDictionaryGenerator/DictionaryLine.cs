namespace TeleDerm.DicomDictionaryGenerator;

/// <summary>One attribute of PS3.6 as dcmtk lists it: a tag or a tag range (repeating groups), VR(s), VM, keyword.</summary>
internal sealed record DictionaryLine(
    ushort GroupFirst,
    ushort GroupLast,
    ushort ElementFirst,
    ushort ElementLast,
    string[] ValueRepresentations,
    string ValueMultiplicity,
    string Keyword,
    string Name,
    bool IsRetired);

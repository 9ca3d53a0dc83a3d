namespace TeleDerm.SampleImages;

/// <summary>How a lesion looks: a regular naevus, or one with the asymmetry, colours and border of a melanoma.</summary>
public enum Appearance
{
    Benign,
    Suspicious,
}

/// <summary>Dermoscopic (contact, magnified, polarized field) or clinical (close-up photo without dermoscope).</summary>
public enum ImageKind
{
    Dermoscopic,
    Clinical,
}

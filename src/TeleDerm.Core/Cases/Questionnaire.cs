namespace TeleDerm.Core.Cases;

public enum Evolution
{
    Unknown = 0,
    Stable = 1,
    New = 2,
    Growing = 3,
    ChangingColourOrShape = 4,
    Shrinking = 5,
}

/// <summary>What dermatologists ask of every request (kept with the case, columns of its table).</summary>
public class Questionnaire
{
    /// <summary>How long the lesion has been there, in months (0 for under a month).</summary>
    public int? DurationMonths { get; set; }
    public Evolution Evolution { get; set; }
    public string? EvolutionDetails { get; set; }
    public bool Itch { get; set; }
    public bool Bleeding { get; set; }
    public bool Pain { get; set; }
    public bool Ulceration { get; set; }
    public string? TreatmentsTried { get; set; }
    public bool? PersonalHistoryOfSkinCancer { get; set; }
    public bool? FamilyHistoryOfMelanoma { get; set; }
    /// <summary>Fitzpatrick phototype I to VI, as 1 to 6.</summary>
    public int? FitzpatrickPhototype { get; set; }
    public bool? Immunosuppressed { get; set; }

    /// <summary>Takes every answer of another questionnaire (a restored draft), keeping this instance.</summary>
    public void CopyFrom(Questionnaire other)
    {
        DurationMonths = other.DurationMonths;
        Evolution = other.Evolution;
        EvolutionDetails = other.EvolutionDetails;
        Itch = other.Itch;
        Bleeding = other.Bleeding;
        Pain = other.Pain;
        Ulceration = other.Ulceration;
        TreatmentsTried = other.TreatmentsTried;
        PersonalHistoryOfSkinCancer = other.PersonalHistoryOfSkinCancer;
        FamilyHistoryOfMelanoma = other.FamilyHistoryOfMelanoma;
        FitzpatrickPhototype = other.FitzpatrickPhototype;
        Immunosuppressed = other.Immunosuppressed;
    }
}

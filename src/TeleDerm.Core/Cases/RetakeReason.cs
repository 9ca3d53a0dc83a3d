namespace TeleDerm.Core.Cases;

/// <summary>
/// A coded question asking the GP for new photos: what was wrong with those sent. Coded so that the department can
/// count, per practice, how often photos had to be taken again (the dashboard), and the GP reads it in their language.
/// </summary>
public enum RetakeReason
{
    PhotoBlurred = 1,
    NeedOverview = 2,
    NeedDermoscopy = 3,
    PoorLighting = 4,
}

public static class RetakeReasons
{
    /// <summary>The reason in English, for what leaves TeleDerm in one language (FHIR); people read it in theirs.</summary>
    public static string English(RetakeReason reason) => reason switch
    {
        RetakeReason.PhotoBlurred => "photo blurred",
        RetakeReason.NeedOverview => "need an overview",
        RetakeReason.NeedDermoscopy => "need dermoscopy",
        RetakeReason.PoorLighting => "too dark or over-exposed",
        _ => reason.ToString(),
    };
}

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

namespace TeleDerm.Core.Cases;

public enum Sex
{
    Female = 0,
    Male = 1,
    Other = 2,
    Unknown = 3,
}

/// <summary>
/// A person whose skin is examined, as one practice knows them. One record per person and practice across
/// every request, so that a lesion keeps its history: a patient seen again is found by the national health
/// identifier, or by names and birth date once the GP confirms it is the same person. Another practice's
/// record of the same person is never visible to a GP; the department sees both through its cases.
/// </summary>
public class Patient
{
    public Guid Id { get; set; }
    /// <summary>The practice whose record this is (null only for records older than practice boundaries without any case).</summary>
    public Guid? PracticeId { get; set; }
    public string FamilyName { get; set; } = "";
    public string GivenName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; } = Sex.Unknown;
    /// <summary>National health identifier (e.g. the French NIR/INS) when the GP gives it.</summary>
    public string? NationalHealthId { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public int AgeOn(DateOnly day) => Age(BirthDate, day);

    /// <summary>Completed years between a birth date and a day (also used in queries that read only the birth date).</summary>
    public static int Age(DateOnly birthDate, DateOnly day) =>
        day.Year - birthDate.Year - (day < birthDate.AddYears(day.Year - birthDate.Year) ? 1 : 0);
}

using Hl7.Fhir.Model;
using TeleDerm.Core.Cases;

namespace TeleDerm.Fhir;

/// <summary>How TeleDerm's values and FHIR's codes map onto each other, both ways, in one place.</summary>
public static class FhirCodes
{
    // FHIR's priorities are routine < urgent < asap < stat; TeleDerm's are routine < soon < urgent.
    public static RequestPriority ToFhir(Urgency urgency) => urgency switch
    {
        Urgency.Urgent => RequestPriority.Asap,
        Urgency.Soon => RequestPriority.Urgent,
        _ => RequestPriority.Routine,
    };

    public static Urgency ToUrgency(RequestPriority? priority) => priority switch
    {
        RequestPriority.Asap or RequestPriority.Stat => Urgency.Urgent,
        RequestPriority.Urgent => Urgency.Soon,
        _ => Urgency.Routine,
    };

    public static AdministrativeGender ToFhir(Sex sex) => sex switch
    {
        Sex.Female => AdministrativeGender.Female,
        Sex.Male => AdministrativeGender.Male,
        Sex.Other => AdministrativeGender.Other,
        _ => AdministrativeGender.Unknown,
    };

    public static Sex ToSex(AdministrativeGender? gender) => gender switch
    {
        AdministrativeGender.Female => Sex.Female,
        AdministrativeGender.Male => Sex.Male,
        AdministrativeGender.Other => Sex.Other,
        _ => Sex.Unknown,
    };

    /// <summary>
    /// The request's state as practice software reads it: open while the department works on it, on hold while a
    /// question waits for the GP, completed once answered, revoked when cancelled or turned into an in-person visit.
    /// </summary>
    public static RequestStatus ToFhir(CaseStatus status) => status switch
    {
        CaseStatus.Draft => RequestStatus.Draft,
        CaseStatus.WaitingForGp => RequestStatus.OnHold,
        CaseStatus.Answered or CaseStatus.Closed => RequestStatus.Completed,
        CaseStatus.Cancelled or CaseStatus.ConvertedToAppointment => RequestStatus.Revoked,
        _ => RequestStatus.Active,
    };

    public static string Modality(ImageKind kind) => kind == ImageKind.Dermoscopic ? "DMS" : "XC";

    /// <summary>The SNOMED CT laterality value of a post-coordinated body site, or null for none.</summary>
    public static string? LateralityCode(Laterality laterality) => laterality switch
    {
        Laterality.Left => FhirSystems.LeftCode,
        Laterality.Right => FhirSystems.RightCode,
        Laterality.Midline => FhirSystems.MidlineCode,
        _ => null,
    };

    public static Laterality? ToLaterality(string code) => code switch
    {
        FhirSystems.LeftCode => Laterality.Left,
        FhirSystems.RightCode => Laterality.Right,
        FhirSystems.MidlineCode => Laterality.Midline,
        _ => null,
    };

    /// <summary>A body site as SNOMED CT: the site alone, or with its laterality ("40983000:272741003=7771000").</summary>
    public static string BodySiteExpression(string siteCode, Laterality laterality) =>
        LateralityCode(laterality) is { } side ? $"{siteCode}:{FhirSystems.LateralityAttribute}={side}" : siteCode;

    /// <summary>Reads a body site code: the site, and the laterality when post-coordinated; null when the laterality is not one of ours.</summary>
    public static (string Site, Laterality Laterality)? ParseBodySite(string code)
    {
        var parts = code.Split(':', 2);
        if (parts.Length == 1)
            return (code.Trim(), Laterality.NotApplicable);
        var refinement = parts[1].Split('=', 2);
        if (refinement.Length != 2 || refinement[0].Trim() != FhirSystems.LateralityAttribute || ToLaterality(refinement[1].Trim()) is not { } side)
            return null;
        return (parts[0].Trim(), side);
    }
}

using TeleDerm.Core.Cases;
using TeleDerm.Core.Intake;
using TeleDerm.Dicom.Import;

namespace TeleDerm.Web.Features.Images;

/// <summary>
/// How a patient is named in every DICOM instance TeleDerm writes (photos, reports) and checked in every file it
/// imports: Patient ID = the national health identifier, or our own id without dashes when there is none; name
/// "FAMILY^Given"; birth date; sex as F, M, O or empty.
/// </summary>
public static class DicomPatientIdentity
{
    public static PatientIdentity Of(Patient patient) => Of(PhotoOwner.Of(patient));

    /// <summary>Also for a patient not stored yet (a request being checked): the same rule on what the GP typed.</summary>
    public static PatientIdentity Of(PhotoOwner owner) => new(
        string.IsNullOrWhiteSpace(owner.NationalHealthId) ? owner.PatientId.ToString("N") : owner.NationalHealthId.Trim(),
        $"{owner.FamilyName.Trim()}^{owner.GivenName.Trim()}",
        owner.BirthDate,
        SexCode(owner.Sex));

    public static string SexCode(Sex sex) => sex switch { Sex.Female => "F", Sex.Male => "M", Sex.Other => "O", _ => "" };
}

using TeleDerm.Core.Cases;
using TeleDerm.Web.Features.Images;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Tests.Images;

/// <summary>One rule names a patient in every DICOM instance written (photos, reports) and checks imported files.</summary>
public sealed class DicomPatientIdentityTests
{
    [Fact]
    public void A_stored_patient_is_named_by_national_identifier_family_and_given_name_birth_date_and_sex()
    {
        var patient = new Patient { Id = Guid.NewGuid(), NationalHealthId = "1850375123456", FamilyName = "Lambert", GivenName = "Odile", BirthDate = new DateOnly(1949, 3, 17), Sex = Sex.Female };

        var identity = DicomPatientIdentity.Of(patient);

        Assert.Equal(("1850375123456", "Lambert^Odile", new DateOnly(1949, 3, 17), "F"), (identity.PatientId, identity.Name, identity.BirthDate, identity.Sex));
    }

    [Fact]
    public void Without_a_national_identifier_our_own_id_is_used_and_typed_names_are_trimmed_as_stored()
    {
        var id = Guid.NewGuid();

        var typed = DicomPatientIdentity.Of(new PhotoOwner(id, "  ", " Martin ", "Léa ", null, Sex.Unknown));
        var stored = DicomPatientIdentity.Of(new Patient { Id = id, FamilyName = "Martin", GivenName = "Léa", Sex = Sex.Unknown });

        Assert.Equal(id.ToString("N"), typed.PatientId);
        Assert.Equal("Martin^Léa", typed.Name);
        Assert.Equal("", typed.Sex);
        Assert.Equal((typed.PatientId, typed.Name, typed.Sex), (stored.PatientId, stored.Name, stored.Sex));
    }

    [Theory]
    [InlineData(Sex.Female, "F")]
    [InlineData(Sex.Male, "M")]
    [InlineData(Sex.Other, "O")]
    [InlineData(Sex.Unknown, "")]
    public void Sex_is_written_with_the_DICOM_codes(Sex sex, string code) => Assert.Equal(code, DicomPatientIdentity.SexCode(sex));
}

namespace TeleDerm.Fhir;

/// <summary>
/// The code systems and identifier systems TeleDerm's FHIR resources use. Standard ones where they exist
/// (SNOMED CT body sites, ICD-10 diagnoses, LOINC for the report, DICOM modalities); TeleDerm's own identifiers
/// are URNs under <see cref="TeleDermPrefix"/>.
/// </summary>
public static class FhirSystems
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";
    public const string Loinc = "http://loinc.org";
    public const string DicomModality = "http://dicom.nema.org/resources/ontology/DCM";

    /// <summary>LOINC "Consult note": what a tele-expertise answer is.</summary>
    public const string ConsultNoteCode = "11488-4";

    /// <summary>SNOMED CT "Laterality" attribute, in a post-coordinated body site ("40983000:272741003=7771000").</summary>
    public const string LateralityAttribute = "272741003";
    public const string LeftCode = "7771000";
    public const string RightCode = "24028007";
    /// <summary>SNOMED CT "Median" (the midline).</summary>
    public const string MidlineCode = "260528009";

    public const string TeleDermPrefix = "urn:teleDerm:";
    /// <summary>Why a question asks for new photos (<c>RetakeReason</c>'s names) as a Communication.reasonCode.</summary>
    public const string RetakeReason = TeleDermPrefix + "retake-reason";
    /// <summary>The case's reference ("TD-7K3M-Q9") as a ServiceRequest identifier.</summary>
    public const string CaseReference = TeleDermPrefix + "case-reference";
    /// <summary>The signed report's number as a DiagnosticReport identifier.</summary>
    public const string ReportNumber = TeleDermPrefix + "report-number";
    /// <summary>A TeleDerm user name (the requesting GP, the dermatologist).</summary>
    public const string UserName = TeleDermPrefix + "user";
    /// <summary>A lesion already known to TeleDerm (a follow-up photo), as a Media body site coding.</summary>
    public const string Lesion = TeleDermPrefix + "lesion";
    /// <summary>The linkIds of the tele-expertise questionnaire (see docs/integration.md).</summary>
    public const string Questionnaire = TeleDermPrefix + "questionnaire:tele-expertise";
    /// <summary>The evolution answers of the questionnaire ("stable", "growing"...).</summary>
    public const string Evolution = TeleDermPrefix + "evolution";
}

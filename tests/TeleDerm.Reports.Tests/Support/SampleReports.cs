using TeleDerm.Reports.Content;
using TeleDerm.Reports.Signing;

namespace TeleDerm.Reports.Tests.Support;

/// <summary>Report content as a real case gives it: two lesions, four dermoscopic images (current and prior), a prescription.</summary>
public static class SampleReports
{
    public static readonly DateTime SigningTime = new(2026, 11, 22, 9, 45, 12, DateTimeKind.Utc);

    public static string RepoRoot => RepoPaths.Root;

    public static byte[] Dermoscopy(string name) =>
        RepoPaths.IsicPhotoBytes(name);

    public static ReportContent Content(ReportLanguage language = ReportLanguage.English, bool signed = true) => new()
    {
        Header = new ReportHeader("Centre hospitalier de Valmont, service de dermatologie",
            ["12 rue des Tilleuls, 69000 Lyon", "Tél. 04 72 00 00 00"]),
        Language = language,
        ReportNumber = "TD-2026-000417",
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
        Patient = new ReportPatient("DURAND-LEFÈVRE Élodie", "2 61 03 69 123 456 78", new DateOnly(1961, 3, 14), "F"),
        Request = new ReportRequest("REQ-2026-1193", new DateTime(2026, 11, 20, 14, 5, 0, DateTimeKind.Utc),
            "Pigmented lesion on the back that has grown over six months; please advise.")
        {
            Questionnaire =
            [
                new ReportFact("Present for", "6 months"), new ReportFact("Evolution", "Growing"), new ReportFact("Symptoms", "Itch"),
                new ReportFact("Phototype", "II"),
            ],
        },
        Thread =
        [
            new ReportMessage("Dr Claire Martin", "Question", new DateTime(2026, 11, 21, 8, 10, 0, DateTimeKind.Utc), "Has the lesion bled?"),
            new ReportMessage("Dr Paul Girard", "Reply", new DateTime(2026, 11, 21, 16, 30, 0, DateTimeKind.Utc), "No bleeding, some itch."),
        ],
        GeneralPractitioner = new ReportPerson("Dr Paul Girard", "10003456789", "Cabinet médical des Tilleuls"),
        Dermatologist = new ReportPerson("Dr Claire Martin", "10009876543", "Dermatology, Hôpital Saint-Louis"),
        Lesions =
        [
            new ReportLesion(1, "Back, left scapular region",
                [
                    new ReportImage(Dermoscopy("ISIC_0000031.jpg"), new DateTime(2026, 11, 20, 13, 58, 0, DateTimeKind.Utc), IsPrior: false, "dermoscopy"),
                    new ReportImage(Dermoscopy("ISIC_0000036.jpg"), new DateTime(2026, 5, 2, 10, 12, 0, DateTimeKind.Utc), IsPrior: true, "dermoscopy"),
                ],
                [new ReportMeasurement("Largest diameter", "6.4 mm"), new ReportMeasurement("Area", "28.1 mm²")],
                new ReportRisk(0.62, language == ReportLanguage.French ? "élevé" : "high", "teleDerm-dermoscopy-features", "1.0.0",
                    "Intended use: to order tele-dermatology requests by the estimated risk of melanoma in a dermoscopic image. Not for diagnosis.")),
            new ReportLesion(2, "Right forearm",
                [
                    new ReportImage(Dermoscopy("ISIC_0000040.jpg"), new DateTime(2026, 11, 20, 14, 0, 0, DateTimeKind.Utc), IsPrior: false),
                    new ReportImage(Dermoscopy("ISIC_0000053.jpg"), new DateTime(2025, 11, 3, 9, 0, 0, DateTimeKind.Utc), IsPrior: true),
                ],
                [new ReportMeasurement("Largest diameter", "3.1 mm")],
                new ReportRisk(0.18, language == ReportLanguage.French ? "faible" : "low", "teleDerm-dermoscopy-features", "1.0.0", "")),
        ],
        Conclusion = new ReportConclusion("D22.5", "Atypical melanocytic naevus of the trunk", ReportConfidence.Moderate,
            ReportManagement.ExcisionOrBiopsy, null,
            "The lesion on the back shows an asymmetric pigment network and has grown since May. I advise an excision with 2 mm margins for histology. The forearm lesion is a benign naevus.",
            "Protect your skin from the sun and watch your moles; come back if one changes.",
            new DateTime(2026, 11, 22, 9, 40, 0, DateTimeKind.Utc)),
        Prescription =
        [
            new ReportPrescriptionLine("Fusidic acid cream", "2 %", "apply twice a day to the scar", "7 days", "Start after the stitches are removed."),
            new ReportPrescriptionLine("Sunscreen SPF 50+", "", "every morning and every two hours outdoors", "long term", null),
        ],
        Signature = signed
            ? new ReportSignatureBlock("Dr Claire Martin", TestPki.Dermatologist.Certificate.Subject, TestPki.Dermatologist.Certificate.Issuer, SigningTime)
            : null,
    };

    /// <summary>The sample, composed and signed by the test dermatologist.</summary>
    public static byte[] Signed(ReportLanguage language = ReportLanguage.English)
    {
        using var document = ReportComposer.Compose(Content(language));
        return PadesSigner.Sign(document, TestPki.Dermatologist, SigningTime, "Tele-expertise report");
    }

    public static string WriteTemp(byte[] pdf, string name = "report.pdf")
    {
        var folder = Directory.CreateTempSubdirectory("teleDerm-report-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }
}

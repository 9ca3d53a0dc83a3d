using System.Globalization;
using TeleDerm.Reports.Content;

namespace TeleDerm.Reports.Composition;

/// <summary>
/// The words printed on a report, in the GP's language. They live here rather than in the web host's resx
/// because the PDF is a document of its own: the CLI and tests compose it without the web host.
/// </summary>
internal sealed record ReportTexts
{
    public required CultureInfo Culture { get; init; }
    /// <summary>": " in English, " : " in French typography.</summary>
    public required string Colon { get; init; }
    public required string Title { get; init; }
    public required string AddendumTitle { get; init; }
    public required string AddendumNotice { get; init; }
    public required string Patient { get; init; }
    public required string PatientId { get; init; }
    public required string NotRecorded { get; init; }
    /// <summary>"{0} years" (age beside the birth date).</summary>
    public required string Age { get; init; }
    /// <summary>"registration no. {0}".</summary>
    public required string Registration { get; init; }
    /// <summary>"Time zone: {0}" (the zone's name).</summary>
    public required string TimesIn { get; init; }
    public required string QuestionnaireTitle { get; init; }
    public required string ThreadTitle { get; init; }
    public required string RiskTitle { get; init; }
    public required string BirthDate { get; init; }
    public required string Sex { get; init; }
    public required string Request { get; init; }
    public required string Submitted { get; init; }
    public required string GeneralPractitioner { get; init; }
    public required string Dermatologist { get; init; }
    public required string Answered { get; init; }
    public required string ClinicalQuestion { get; init; }
    public required string Lesion { get; init; }
    public required string CurrentImage { get; init; }
    public required string PriorImage { get; init; }
    public required string Measurements { get; init; }
    public required string RiskScore { get; init; }
    public required string RiskStatement { get; init; }
    public required string Conclusion { get; init; }
    public required string Diagnosis { get; init; }
    public required string Confidence { get; init; }
    public required string ManagementLabel { get; init; }
    public required string MessageToGp { get; init; }
    public required string PatientAdvice { get; init; }
    public required string PrescriptionTitle { get; init; }
    public required string Medicine { get; init; }
    public required string Strength { get; init; }
    public required string Dose { get; init; }
    public required string Duration { get; init; }
    public required string Instructions { get; init; }
    public required string SignatureTitle { get; init; }
    public required string SignedBy { get; init; }
    public required string SignedOn { get; init; }
    public required string Certificate { get; init; }
    public required string SignatureNotice { get; init; }
    public required string Draft { get; init; }
    public required string Page { get; init; }
    public required IReadOnlyDictionary<ReportConfidence, string> Confidences { get; init; }
    public required IReadOnlyDictionary<ReportManagement, string> Managements { get; init; }
    /// <summary>"Photo follow-up in {0} months".</summary>
    public required string PhotoFollowUpIn { get; init; }

    /// <summary>A time in the department's zone, in the product's one format (<see cref="ClinicalDateFormat"/>).</summary>
    public string Date(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString(ClinicalDateFormat.DateTime, Culture);
    public string Date(DateOnly date) => date.ToString(ClinicalDateFormat.Date, Culture);
    /// <summary>The calendar day of an instant in the department's zone (image captions).</summary>
    public string Day(DateTime utc, TimeZoneInfo zone) => Date(DateOnly.FromDateTime(Local(utc, zone)));

    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public string Management(ReportConclusion conclusion) =>
        conclusion is { Management: ReportManagement.PhotoFollowUp, FollowUpMonths: { } months }
            ? string.Format(Culture, PhotoFollowUpIn, months)
            : Managements[conclusion.Management];

    public static ReportTexts For(ReportLanguage language) => language == ReportLanguage.French ? French : English;

    public static readonly ReportTexts English = new()
    {
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        Colon = ": ",
        Title = "Tele-expertise report",
        AddendumTitle = "Addendum to a tele-expertise report",
        AddendumNotice = "This addendum corrects report {0} signed on {1} (SHA-256 {2}). That report stays valid as signed; read both together.",
        Patient = "Patient",
        PatientId = "National health ID",
        NotRecorded = "not recorded",
        Age = "{0} years",
        Registration = "registration no. {0}",
        TimesIn = "Time zone: {0}",
        QuestionnaireTitle = "Questionnaire",
        ThreadTitle = "Questions and answers",
        RiskTitle = "Decision support: risk score",
        BirthDate = "Born",
        Sex = "Sex",
        Request = "Request",
        Submitted = "Submitted",
        GeneralPractitioner = "General practitioner",
        Dermatologist = "Dermatologist",
        Answered = "Answered",
        ClinicalQuestion = "Question",
        Lesion = "Lesion {0}: {1}",
        CurrentImage = "Current image, {0}",
        PriorImage = "Prior image, {0}",
        Measurements = "Measurements",
        RiskScore = "Lesion {4}: risk score {0:0.00} ({1}), model {2} version {3}",
        RiskStatement = "The risk score is computed by software from the dermoscopic image. It helps to order the requests; it is not a diagnosis. The dermatologist's conclusion above is the medical opinion.",
        Conclusion = "Conclusion",
        Diagnosis = "Diagnosis",
        Confidence = "Confidence",
        ManagementLabel = "Management",
        MessageToGp = "Message to the general practitioner",
        PatientAdvice = "Advice for the patient",
        PrescriptionTitle = "Prescription",
        Medicine = "Medicine",
        Strength = "Strength",
        Dose = "Dose",
        Duration = "Duration",
        Instructions = "Instructions",
        SignatureTitle = "Signature",
        SignedBy = "Signed electronically by",
        SignedOn = "Signed on",
        Certificate = "Certificate",
        SignatureNotice = "This document carries a digital signature (PAdES). Any change to the file after signing shows when it is verified (TeleDerm, teleDerm report verify, or a PDF reader).",
        Draft = "DRAFT: not signed",
        Page = "{0}: page {1} of {2}",
        Confidences = new Dictionary<ReportConfidence, string>
        {
            [ReportConfidence.Low] = "low",
            [ReportConfidence.Moderate] = "moderate",
            [ReportConfidence.High] = "high",
        },
        Managements = new Dictionary<ReportManagement, string>
        {
            [ReportManagement.Reassure] = "Reassure the patient",
            [ReportManagement.TreatLocally] = "Treat locally",
            [ReportManagement.Prescription] = "Prescription (below)",
            [ReportManagement.PhotoFollowUp] = "Photo follow-up",
            [ReportManagement.RoutineInPersonVisit] = "Routine in-person visit",
            [ReportManagement.UrgentInPersonVisit] = "Urgent in-person visit",
            [ReportManagement.ExcisionOrBiopsy] = "Excision or biopsy",
        },
        PhotoFollowUpIn = "Photo follow-up in {0} months",
    };

    public static readonly ReportTexts French = new()
    {
        Culture = CultureInfo.GetCultureInfo("fr-FR"),
        Colon = "\u00a0: ",
        Title = "Compte rendu de télé-expertise",
        AddendumTitle = "Addendum à un compte rendu de télé-expertise",
        AddendumNotice = "Cet addendum corrige le compte rendu {0} signé le {1} (SHA-256 {2}). Ce compte rendu reste valide tel que signé ; lisez les deux ensemble.",
        Patient = "Patient",
        PatientId = "Identifiant national de santé",
        NotRecorded = "non renseigné",
        Age = "{0} ans",
        Registration = "n° d'inscription {0}",
        TimesIn = "Fuseau horaire : {0}",
        QuestionnaireTitle = "Questionnaire",
        ThreadTitle = "Questions et réponses",
        RiskTitle = "Aide à la décision : score de risque",
        BirthDate = "Né(e) le",
        Sex = "Sexe",
        Request = "Demande",
        Submitted = "Envoyée le",
        GeneralPractitioner = "Médecin généraliste",
        Dermatologist = "Dermatologue",
        Answered = "Réponse du",
        ClinicalQuestion = "Question",
        Lesion = "Lésion {0} : {1}",
        CurrentImage = "Image actuelle, {0}",
        PriorImage = "Image antérieure, {0}",
        Measurements = "Mesures",
        RiskScore = "Lésion {4} : score de risque {0:0.00} ({1}), modèle {2} version {3}",
        RiskStatement = "Le score de risque est calculé par un logiciel à partir de l'image dermoscopique. Il sert à ordonner les demandes ; ce n'est pas un diagnostic. La conclusion du dermatologue ci-dessus est l'avis médical.",
        Conclusion = "Conclusion",
        Diagnosis = "Diagnostic",
        Confidence = "Certitude",
        ManagementLabel = "Conduite à tenir",
        MessageToGp = "Message au médecin généraliste",
        PatientAdvice = "Conseils au patient",
        PrescriptionTitle = "Ordonnance",
        Medicine = "Médicament",
        Strength = "Dosage",
        Dose = "Posologie",
        Duration = "Durée",
        Instructions = "Consignes",
        SignatureTitle = "Signature",
        SignedBy = "Signé électroniquement par",
        SignedOn = "Signé le",
        Certificate = "Certificat",
        SignatureNotice = "Ce document porte une signature numérique (PAdES). Toute modification du fichier après signature apparaît à la vérification (TeleDerm, teleDerm report verify, ou un lecteur PDF).",
        Draft = "BROUILLON : non signé",
        Page = "{0} : page {1} sur {2}",
        Confidences = new Dictionary<ReportConfidence, string>
        {
            [ReportConfidence.Low] = "faible",
            [ReportConfidence.Moderate] = "moyenne",
            [ReportConfidence.High] = "élevée",
        },
        Managements = new Dictionary<ReportManagement, string>
        {
            [ReportManagement.Reassure] = "Rassurer le patient",
            [ReportManagement.TreatLocally] = "Traitement local",
            [ReportManagement.Prescription] = "Ordonnance (ci-dessous)",
            [ReportManagement.PhotoFollowUp] = "Suivi photographique",
            [ReportManagement.RoutineInPersonVisit] = "Consultation programmée",
            [ReportManagement.UrgentInPersonVisit] = "Consultation urgente",
            [ReportManagement.ExcisionOrBiopsy] = "Exérèse ou biopsie",
        },
        PhotoFollowUpIn = "Suivi photographique dans {0} mois",
    };
}

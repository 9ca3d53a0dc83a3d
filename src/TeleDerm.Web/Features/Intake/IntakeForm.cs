using TeleDerm.Core.Cases;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// What the GP has typed into the New request page so far: one object shared by the page's sections, saved as
/// a draft as it changes, and turned into an <see cref="IntakeRequest"/> when sent.
/// </summary>
public sealed class IntakeForm
{
    public string FamilyName { get; set; } = "";
    public string GivenName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public Sex Sex { get; set; } = Sex.Unknown;
    public string? NationalHealthId { get; set; }
    public string Reason { get; set; } = "";
    public Urgency Urgency { get; set; } = Urgency.Routine;
    public string? UrgencyReason { get; set; }
    public Guid DepartmentId { get; set; }
    public Questionnaire Questionnaire { get; } = new();
    public List<LesionDraft> Lesions { get; } = [new()];
    public bool Consent { get; set; }
    public bool ReplaceDicomPatientDetails { get; set; }
    public bool SamePatientConfirmed { get; set; }

    public IntakeRequest ToRequest() => new(
        new PatientInput(FamilyName, GivenName, BirthDate, Sex, string.IsNullOrWhiteSpace(NationalHealthId) ? null : NationalHealthId),
        Reason, Questionnaire, Urgency, UrgencyReason, Consent,
        [.. Lesions.Select(l => new LesionInput(l.BodySiteCode, l.Laterality, l.Description, PhotoDraft.Ready(l.Photos), l.ExistingLesionId))],
        SamePatientConfirmed: SamePatientConfirmed, ReidentifyDicomFiles: ReplaceDicomPatientDetails);

    public IntakeDraftState ToDraft() => new(
        new PatientInput(FamilyName, GivenName, BirthDate, Sex, NationalHealthId), Reason, Questionnaire, Urgency, UrgencyReason, Consent, DepartmentId,
        [.. Lesions.Select(l => new LesionDraftState(l.BodySiteCode, l.Laterality, l.Description, l.Kind,
            [.. l.Photos.Where(p => p.Error is null && p.Input.Bytes.Length > 0).Select(p => new DraftPhoto(p.Id, p.Input.FileName, p.Input.Kind))]))]);

    /// <summary>An untouched form is not worth a draft.</summary>
    public static bool IsEmpty(IntakeDraftState state) =>
        state.Patient.FamilyName.Length == 0 && state.Patient.GivenName.Length == 0 && state.Reason.Length == 0
        && state.Lesions.All(l => l.BodySiteCode.Length == 0 && l.Photos.Count == 0 && string.IsNullOrEmpty(l.Description));

    /// <summary>
    /// Starts a photo follow-up: the same patient (confirmed: the GP comes from that patient's request) and the same
    /// lesions, so the new photos join each lesion's earlier images (its tracking UID) in the viewer.
    /// </summary>
    public void StartFollowUp(TeleDerm.Core.FollowUps.FollowUpStart start, string reason)
    {
        (FamilyName, GivenName, BirthDate, Sex, NationalHealthId) = (start.Patient.FamilyName, start.Patient.GivenName, start.Patient.BirthDate, start.Patient.Sex, start.Patient.NationalHealthId);
        (Reason, SamePatientConfirmed, DepartmentId) = (reason, true, start.DepartmentId);
        Lesions.Clear();
        Lesions.AddRange(start.Lesions.Select(l => new LesionDraft
        {
            ExistingLesionId = l.LesionId, BodySiteCode = l.BodySiteCode, Laterality = l.Laterality, Description = l.Description,
        }));
    }

    /// <summary>Fills the form from a saved draft (photos are added by the caller, which can preview them).</summary>
    public void RestoreFields(IntakeDraftState s, IEnumerable<Guid> knownDepartments)
    {
        (FamilyName, GivenName, BirthDate, Sex, NationalHealthId) = (s.Patient.FamilyName, s.Patient.GivenName, s.Patient.BirthDate, s.Patient.Sex, s.Patient.NationalHealthId);
        (Reason, Urgency, UrgencyReason, Consent) = (s.Reason, s.Urgency, s.UrgencyReason, s.Consent);
        Questionnaire.CopyFrom(s.Questionnaire);
        if (knownDepartments.Contains(s.DepartmentId))
        {
            DepartmentId = s.DepartmentId;
        }
    }
}

/// <summary>One lesion of the form: where it is, what it looks like, and its photos.</summary>
public sealed class LesionDraft
{
    /// <summary>A lesion the patient already has (a follow-up): its site and description are the stored ones, not editable.</summary>
    public Guid? ExistingLesionId { get; init; }
    public string BodySiteCode { get; set; } = "";
    public Laterality Laterality { get; set; }
    public string? Description { get; set; }
    public ImageKind Kind { get; set; } = ImageKind.Dermoscopic;
    public List<PhotoDraft> Photos { get; } = [];
}

namespace TeleDerm.Core.Answers;

/// <summary>What the answer form sends, before validation.</summary>
public sealed record AnswerDraft(
    string DiagnosisCode,
    string DiagnosisText,
    DiagnosticConfidence Confidence,
    Management Management,
    int? FollowUpMonths,
    string MessageToGp,
    string? PatientAdvice,
    IReadOnlyList<PrescriptionDraft> Prescription);

public sealed record PrescriptionDraft(string Medicine, string Strength, string Dose, string Duration, string? Instructions);

/// <summary>
/// Checks an answer field by field. Errors are text keys (Localization/Texts.resx) by field name, so the
/// form shows each beside its field in the reader's language.
/// </summary>
public static class AnswerValidation
{
    public const int MaxFollowUpMonths = 36;

    public static IReadOnlyDictionary<string, string> Validate(AnswerDraft draft)
    {
        var errors = new Dictionary<string, string>();
        if (!CommonDiagnoses.IsKnown(draft.DiagnosisCode))
            errors["DiagnosisCode"] = "Answer.Error.DiagnosisCode";
        if (string.IsNullOrWhiteSpace(draft.DiagnosisText) || draft.DiagnosisText.Length > 500)
            errors["DiagnosisText"] = "Answer.Error.DiagnosisText";
        if (!Enum.IsDefined(draft.Confidence))
            errors["Confidence"] = "Answer.Error.Confidence";
        if (!Enum.IsDefined(draft.Management))
            errors["Management"] = "Answer.Error.Management";
        if (draft.Management == Management.PhotoFollowUp && draft.FollowUpMonths is not (>= 1 and <= MaxFollowUpMonths))
            errors["FollowUpMonths"] = "Answer.Error.FollowUpMonths";
        if (string.IsNullOrWhiteSpace(draft.MessageToGp) || draft.MessageToGp.Length > 4000)
            errors["MessageToGp"] = "Answer.Error.MessageToGp";
        if (draft.PatientAdvice is { Length: > 4000 })
            errors["PatientAdvice"] = "Answer.Error.PatientAdvice";
        if (draft.Management == Management.Prescription && draft.Prescription.Count == 0)
            errors["Prescription"] = "Answer.Error.PrescriptionMissing";
        for (var i = 0; i < draft.Prescription.Count; i++)
        {
            var line = draft.Prescription[i];
            if (string.IsNullOrWhiteSpace(line.Medicine) || line.Medicine.Length > 200)
                errors[$"Prescription[{i}].Medicine"] = "Answer.Error.Medicine";
            if (line.Strength.Length > 100)
                errors[$"Prescription[{i}].Strength"] = "Answer.Error.Strength";
            if (string.IsNullOrWhiteSpace(line.Dose) || line.Dose.Length > 200)
                errors[$"Prescription[{i}].Dose"] = "Answer.Error.Dose";
            if (string.IsNullOrWhiteSpace(line.Duration) || line.Duration.Length > 100)
                errors[$"Prescription[{i}].Duration"] = "Answer.Error.Duration";
            if (line.Instructions is { Length: > 1000 })
                errors[$"Prescription[{i}].Instructions"] = "Answer.Error.Instructions";
        }
        return errors;
    }
}

using System.Globalization;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Cases;

/// <summary>
/// The GP's questionnaire as a clinician reads it, label and answer, in the current UI language: what the case
/// page shows and what the signed report prints, from one place.
/// </summary>
public static class QuestionnaireSummary
{
    public static IReadOnlyList<(string Label, string Value)> Lines(Questionnaire q, IStringLocalizer<Texts> text) =>
    [
        (text["Q.Duration"], q.DurationMonths is { } months ? string.Format(CultureInfo.CurrentCulture, text["Q.Months"], months) : "—"),
        (text["Q.Evolution"], text[$"Evolution.{q.Evolution}"] + (q.EvolutionDetails is { } details ? $" — {details}" : "")),
        (text["Q.Symptoms"], Symptoms(q, text)),
        (text["Q.Treatments"], q.TreatmentsTried ?? "—"),
        (text["Q.PersonalHistory"], YesNo(q.PersonalHistoryOfSkinCancer, text)),
        (text["Q.FamilyHistory"], YesNo(q.FamilyHistoryOfMelanoma, text)),
        (text["Q.Phototype"], q.FitzpatrickPhototype is { } p ? Roman(p) : "—"),
        (text["Q.Immunosuppressed"], YesNo(q.Immunosuppressed, text)),
    ];

    private static string Symptoms(Questionnaire q, IStringLocalizer<Texts> text)
    {
        var list = new List<string>();
        if (q.Itch) list.Add(text["Q.Itch"]);
        if (q.Bleeding) list.Add(text["Q.Bleeding"]);
        if (q.Pain) list.Add(text["Q.Pain"]);
        if (q.Ulceration) list.Add(text["Q.Ulceration"]);
        return list.Count == 0 ? text["Q.NoSymptoms"] : string.Join(", ", list);
    }

    private static string YesNo(bool? value, IStringLocalizer<Texts> text) =>
        value switch { true => text["Common.Yes"], false => text["Common.No"], null => text["Common.Unknown"] };

    /// <summary>Fitzpatrick phototypes are written in Roman numerals.</summary>
    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", _ => n.ToString(CultureInfo.InvariantCulture) };
}

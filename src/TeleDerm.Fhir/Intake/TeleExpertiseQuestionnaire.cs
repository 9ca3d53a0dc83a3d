using Hl7.Fhir.Model;
using TeleDerm.Core.Cases;
using CaseQuestionnaire = TeleDerm.Core.Cases.Questionnaire;

namespace TeleDerm.Fhir.Intake;

/// <summary>
/// The intake questionnaire as a QuestionnaireResponse carries it: one item per question, by linkId, with the
/// answer's type. The same questions as the intake page and the REST API (docs/integration.md lists them).
/// </summary>
internal static class TeleExpertiseQuestionnaire
{
    internal const string PatientConsent = "patientConsent";
    internal const string Phototype = "fitzpatrickPhototype";

    /// <summary>Reads one answer into the questionnaire; false when the value has the wrong type or is not allowed.</summary>
    private delegate bool Reader(DataType value, CaseQuestionnaire into, ref bool consent);

    private static readonly Dictionary<string, Reader> Items = new(StringComparer.Ordinal)
    {
        ["durationMonths"] = (DataType v, CaseQuestionnaire q, ref bool _) => Integer(v, x => q.DurationMonths = x),
        ["evolution"] = (DataType v, CaseQuestionnaire q, ref bool _) => EvolutionOf(v) is { } e && Set(() => q.Evolution = e),
        ["evolutionDetails"] = (DataType v, CaseQuestionnaire q, ref bool _) => Text(v, x => q.EvolutionDetails = x),
        ["itch"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.Itch = x),
        ["bleeding"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.Bleeding = x),
        ["pain"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.Pain = x),
        ["ulceration"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.Ulceration = x),
        ["treatmentsTried"] = (DataType v, CaseQuestionnaire q, ref bool _) => Text(v, x => q.TreatmentsTried = x),
        ["personalHistoryOfSkinCancer"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.PersonalHistoryOfSkinCancer = x),
        ["familyHistoryOfMelanoma"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.FamilyHistoryOfMelanoma = x),
        [Phototype] = (DataType v, CaseQuestionnaire q, ref bool _) => Integer(v, x => q.FitzpatrickPhototype = x),
        ["immunosuppressed"] = (DataType v, CaseQuestionnaire q, ref bool _) => Boolean(v, x => q.Immunosuppressed = x),
        [PatientConsent] = (DataType v, CaseQuestionnaire _, ref bool consent) => v is FhirBoolean { Value: { } b } && Set(ref consent, b),
    };

    internal static IEnumerable<string> LinkIds => Items.Keys;

    /// <summary>Reads the response's items; every unknown linkId or mistyped answer is an issue at its item.</summary>
    internal static (CaseQuestionnaire Questionnaire, bool Consent) Read(QuestionnaireResponse? response, string path, List<FhirIssue> issues)
    {
        var questionnaire = new CaseQuestionnaire();
        var consent = false;
        if (response is null)
            return (questionnaire, consent);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, i) in response.Item.Select((x, i) => (x, i)))
        {
            var at = $"{path}.item[{i}]";
            if (item.LinkId is null || !Items.TryGetValue(item.LinkId, out var read))
            {
                issues.Add(new(at, OperationOutcome.IssueType.NotSupported, "QuestionUnknown", $"Unknown question \"{item.LinkId}\"; the questions are: {string.Join(", ", Items.Keys)}.",
                    item.LinkId ?? "", string.Join(", ", Items.Keys)));
                continue;
            }
            if (!seen.Add(item.LinkId))
            {
                issues.Add(new(at, OperationOutcome.IssueType.Invalid, "QuestionRepeated", $"The question \"{item.LinkId}\" is answered twice.", item.LinkId));
                continue;
            }
            if (item.Answer.Count != 1 || item.Answer[0].Value is not { } value || !read(value, questionnaire, ref consent))
            {
                issues.Add(new($"{at}.answer", OperationOutcome.IssueType.Value, "AnswerNotValid", $"The question \"{item.LinkId}\" takes one answer of its type (see the documentation).", item.LinkId));
            }
        }
        return (questionnaire, consent);
    }

    private static bool Set(Action set)
    {
        set();
        return true;
    }

    private static bool Set(ref bool target, bool value)
    {
        target = value;
        return true;
    }

    private static bool Boolean(DataType value, Action<bool> set) => value is FhirBoolean { Value: { } b } && Set(() => set(b));

    private static bool Integer(DataType value, Action<int> set) => value is Integer { Value: { } n } && n >= 0 && Set(() => set(n));

    private static bool Text(DataType value, Action<string> set) =>
        value is FhirString { Value: { } s } && s.Length <= 2000 && Set(() => set(s));

    /// <summary>"stable", "new", "growing", "changingColourOrShape", "shrinking" or "unknown", as a Coding of <see cref="FhirSystems.Evolution"/>.</summary>
    private static Evolution? EvolutionOf(DataType value) =>
        value is Coding { System: FhirSystems.Evolution, Code: { } code }
        && Enum.TryParse<Evolution>(code, ignoreCase: true, out var evolution) && Enum.IsDefined(evolution) && !code.Any(char.IsDigit)
            ? evolution : null;
}

using System.Text.RegularExpressions;
using TeleDerm.Dicom.Import;
using TeleDerm.Imaging;
using TeleDerm.Testing;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Tests.Localization;

/// <summary>
/// Every refusal the code can give carries a code, and every code has its text in English and French: found by
/// reading the sources for each way an error is made (intake errors, case refusals, annotation and administration
/// refusals, API problems), so a new code without text fails here before a reader meets it.
/// </summary>
public sealed partial class ErrorCodeTextsTests
{
    [GeneratedRegex(@"Require\(.+?, \$?""[^""]*"", ""(?<code>[A-Z]\w+)"", ")]
    private static partial Regex IntakeRequire();

    [GeneratedRegex(@"(?:new IntakeError|errors\.Add\(new)\(\$?""[^""]*"", (?:\$?""[^""]*""|[^,]+?), (?:""(?<code>[A-Z]\w+)""|\$""(?<prefix>[A-Z][a-z]+)\{)")]
    private static partial Regex IntakeErrorMade();

    [GeneratedRegex(@"new\(""[^""]*"", Message, ""(?<code>[A-Z]\w+)""")]
    private static partial Regex IntakeErrorFromException();

    [GeneratedRegex(@"Refusal\.(?<family>Case|Answer|Signing|Intake)\(""(?<code>[A-Z]\w+)""|CaseCommandResult\.Refused\(""(?<code>[A-Z]\w+)""")]
    private static partial Regex RefusalMade();

    [GeneratedRegex(@"new ReportSigningException\(""(?<code>[A-Z]\w+)""")]
    private static partial Regex SigningRefusal();

    [GeneratedRegex(@"new Refusal\(""(?<key>[A-Z][A-Za-z]+\.[\w.]+)""")]
    private static partial Regex RefusalWithKey();

    [GeneratedRegex(@"new AnnotationException\(""(?<code>[A-Z]\w+)""")]
    private static partial Regex AnnotationRefusal();

    [GeneratedRegex(@"new AdministrationException\(""(?<code>[A-Z]\w+)""")]
    private static partial Regex AdministrationRefusal();

    [GeneratedRegex(@"problems\.(?<kind>Problem|ProblemWithDetail)\(StatusCodes\.\w+, ""(?<code>[A-Z]\w+)""")]
    private static partial Regex ApiProblem();

    [GeneratedRegex(@"problems\.Field\(""[^""]*"", ""(?<code>[A-Z]\w+)""")]
    private static partial Regex ApiFieldProblem();

    private static IEnumerable<(string File, string Text)> Sources(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    private static IEnumerable<string> Keys()
    {
        foreach (var (_, text) in Sources("TeleDerm.Web", "TeleDerm.Core"))
        {
            foreach (Match m in IntakeRequire().Matches(text).Concat(IntakeErrorFromException().Matches(text)))
                yield return $"IntakeError.{m.Groups["code"].Value}";
            foreach (Match m in IntakeErrorMade().Matches(text))
            {
                if (m.Groups["code"].Success)
                    yield return $"IntakeError.{m.Groups["code"].Value}";
                else if (m.Groups["prefix"].Value == "Decode")
                    foreach (var reason in Enum.GetNames<ImageDecodeFailure>()) yield return $"IntakeError.Decode{reason}";
                else if (m.Groups["prefix"].Value == "Dicom")
                    foreach (var refusal in Enum.GetNames<DicomImportRefusal>()) yield return $"IntakeError.Dicom{refusal}";
                else
                    throw new InvalidOperationException($"An intake error code built from '{m.Value}': list its values here.");
            }
            foreach (Match m in RefusalMade().Matches(text))
                yield return $"{(m.Groups["family"].Success ? m.Groups["family"].Value : "Case")}Error.{m.Groups["code"].Value}";
            foreach (Match m in SigningRefusal().Matches(text)) yield return $"SigningError.{m.Groups["code"].Value}";
            foreach (Match m in RefusalWithKey().Matches(text)) yield return m.Groups["key"].Value;
            foreach (Match m in AnnotationRefusal().Matches(text)) yield return $"AnnotationError.{m.Groups["code"].Value}";
            foreach (Match m in AdministrationRefusal().Matches(text)) yield return $"AdminError.{m.Groups["code"].Value}";
            foreach (Match m in ApiProblem().Matches(text))
            {
                yield return $"ApiError.{m.Groups["code"].Value}.Title";
                // ProblemWithDetail gives the decoder's own finding as the detail: only the title is worded.
                if (m.Groups["kind"].Value == "Problem")
                    yield return $"ApiError.{m.Groups["code"].Value}.Detail";
            }
            foreach (Match m in ApiFieldProblem().Matches(text)) yield return $"ApiError.Field.{m.Groups["code"].Value}";
        }
    }

    [Fact]
    public void The_sources_make_errors_in_every_family_so_this_test_reads_them()
    {
        var keys = Keys().ToHashSet(StringComparer.Ordinal);
        foreach (var family in new[] { "IntakeError.", "CaseError.", "AnnotationError.", "AdminError.", "ApiError.", "SigningError.", "AnswerError." })
            Assert.True(keys.Count(k => k.StartsWith(family, StringComparison.Ordinal)) >= 2, $"fewer than 2 {family} codes found: the patterns no longer match the code");
    }

    [Fact]
    public void Every_error_code_has_text_in_English_and_French()
    {
        var (english, french) = (UiTexts.Load(UiTexts.English), UiTexts.Load(UiTexts.French));
        var missing = Keys().Distinct(StringComparer.Ordinal)
            .SelectMany(key => new[] { (key, english, "English"), (key, french, "French") })
            .Where(k => !k.Item2.ContainsKey(k.key))
            .Select(k => $"{k.key} ({k.Item3})")
            .ToList();
        Assert.True(missing.Count == 0, "No text for: " + string.Join(", ", missing));
    }
}

using System.Text.RegularExpressions;
using TeleDerm.Reports.Content;
using TeleDerm.Reports.Tests.Support;

namespace TeleDerm.Reports.Tests;

/// <summary>What a reader finds on the composed report, and in what order, in each language (read with pdftotext).</summary>
public sealed class ReportLayoutTests
{
    private static string Text(ReportContent content)
    {
        var path = SampleReports.WriteTemp(TeleDerm.Reports.Composition.ReportComposer.ComposeUnsigned(content));
        var result = ExternalTool.Run("pdftotext", "poppler-utils", path, "-");
        Assert.True(result.ExitCode == 0, result.All);
        return result.Output;
    }

    [Theory]
    // 20 Nov 2026 14:05 UTC is 15:05 in Paris; the answer, 22 Nov 09:40 UTC, is 10:40.
    [InlineData(ReportLanguage.English, "20 Nov 2026 15:05", "22 Nov 2026 10:40", "14 Mar 1961 (65 years)", "registration no. 10009876543", "Time zone: Europe/Paris")]
    [InlineData(ReportLanguage.French, "20 nov. 2026 15:05", "22 nov. 2026 10:40", "14 mars 1961 (65 ans)", "n° d'inscription 10009876543", "Fuseau horaire : Europe/Paris")]
    public void Times_are_in_the_department_zone_in_one_unambiguous_format_and_the_patient_is_identified(ReportLanguage language, params string[] expected)
    {
        var text = Text(SampleReports.Content(language));

        foreach (var value in expected)
            Assert.Contains(value, text, StringComparison.Ordinal);
        Assert.Contains("2 61 03 69 123 456 78", text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\b\d{1,2}/\d{1,2}/\d{2,4}\b"), text);
    }

    [Theory]
    [InlineData(ReportLanguage.English, "Conclusion", "Decision support: risk score", "The risk score is computed")]
    [InlineData(ReportLanguage.French, "Conclusion", "Aide à la décision : score de risque", "Le score de risque est calculé")]
    public void The_score_comes_after_the_conclusion_with_its_disclaimer_and_the_thread_before_it(ReportLanguage language, string conclusion, string score, string disclaimer)
    {
        var text = Text(SampleReports.Content(language));

        var (atConclusion, atScore, atDisclaimer) = (text.IndexOf(conclusion, StringComparison.Ordinal), text.IndexOf(score, StringComparison.Ordinal),
            text.IndexOf(disclaimer, StringComparison.Ordinal));
        Assert.True(atConclusion > 0 && atScore > atConclusion && atDisclaimer > atScore, $"conclusion {atConclusion}, score {atScore}, disclaimer {atDisclaimer}");
        var atThread = text.IndexOf("Has the lesion bled?", StringComparison.Ordinal);
        Assert.True(atThread > 0 && atThread < atConclusion, $"thread at {atThread}");
    }

    [Fact]
    public void Without_the_departments_choice_no_score_is_printed()
    {
        var content = SampleReports.Content();
        content = content with { Lesions = [.. content.Lesions.Select(l => l with { Risk = null })] };

        var text = Text(content);

        Assert.DoesNotContain("risk score", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not a diagnosis", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_without_a_national_identifier_is_said_so_not_given_an_internal_one()
    {
        var content = SampleReports.Content();
        content = content with { Patient = content.Patient with { NationalHealthId = null } };

        var text = Text(content);

        Assert.Contains("National health ID", text, StringComparison.Ordinal);
        Assert.Contains("not recorded", text, StringComparison.Ordinal);
    }
}

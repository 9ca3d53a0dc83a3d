using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Errors;
using TeleDerm.Core.Viewer;
using TeleDerm.Testing;
using TeleDerm.Core.Administration;
using TeleDerm.Web.Localization;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Localization;

/// <summary>Annotation and administration refusals read in the reader's language; every code thrown has both texts.</summary>
public sealed class RefusalTextsTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private IStringLocalizer<Texts> Text => app.Services.GetRequiredService<IStringLocalizer<Texts>>();

    [Fact]
    public void A_malformed_point_is_refused_in_the_readers_language()
    {
        var refused = Assert.Throws<AnnotationException>(() => AnnotationGeometry.ParsePoints("[[1.5,2],\"x\"]"));
        Assert.Equal("AnnotationError.PointNotPair", refused.Refusal.Key);
        Assert.Equal("Le point 2 doit être une paire de nombres [x, y].", InCulture("fr", () => Text.Text(refused)));
        Assert.Equal("Point 2 must be a pair of numbers [x, y].", InCulture("en", () => Text.Text(refused)));
    }

    [Fact]
    public void A_refused_signing_certificate_and_a_refused_answer_read_in_French_not_in_the_English_of_the_logs()
    {
        var expired = new ReportSigningException("NotValidToday", "English", new DateOnly(2024, 1, 2), new DateOnly(2025, 1, 2));
        Assert.Equal("Le certificat est valable du 02/01/2024 au 02/01/2025, pas aujourd'hui.", InCulture("fr", () => Text.Text(expired)));
        Assert.Equal("The certificate is valid from 1/2/2024 to 1/2/2025, not today.", InCulture("en-US", () => Text.Text(expired)));

        var changed = AnswerResult.Refused(Refusal.Answer("ChangedMeanwhile", "Someone changed this case a moment ago; nothing was signed. Reload and try again."));
        Assert.Equal("Quelqu'un vient de modifier cette demande ; rien n'a été signé. Rechargez puis réessayez.", InCulture("fr", () => Text.Text(changed.Refusal!)));
    }

    [Fact]
    public void A_point_outside_the_image_is_written_with_the_readers_decimal_separator()
    {
        var refused = new AnnotationException("OutsideImage", "English", 1001.5, 4.0, 1000, 800);
        Assert.Equal("Le point (1001,5 ; 4) est hors de l'image (1000 × 800 pixels).", InCulture("fr", () => Text.Text(refused)));
        Assert.Equal("The point (1001.5, 4) lies outside the image (1000 × 800 pixels).", InCulture("en", () => Text.Text(refused)));
    }

    [Fact]
    public void A_wrong_point_count_names_the_tool_as_the_viewer_does()
    {
        var refused = new AnnotationException("PointCount", "English", AnnotationKind.Calibration, 2, 1);
        var french = InCulture("fr", () => Text.Text(refused));
        var toolName = InCulture("fr", () => Text["Viewer.Tool.calibrate"].Value);
        Assert.Contains($"« {toolName} »", french, StringComparison.Ordinal);
        Assert.DoesNotContain("Calibration", french, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_error_we_have_no_text_for_falls_back_to_a_sentence_with_its_description()
    {
        var unknown = new AdministrationException("Identity.SomethingNew", "English", "Some description.");
        Assert.Equal("Le compte n'a pas pu être enregistré : Some description.", InCulture("fr", () => Text.Text(unknown)));
        var known = new AdministrationException("Identity.DuplicateEmail", "English", "Email 'x' is already taken.");
        Assert.Equal("Un compte existe déjà avec cette adresse e-mail.", InCulture("fr", () => Text.Text(known)));
    }

    [Fact]
    public void Every_annotation_and_administration_code_thrown_has_text_in_both_languages()
    {
        static string Source(params string[] path) => File.ReadAllText(Path.Combine([RepoPaths.Root, "src", .. path]));
        var annotation = Source("TeleDerm.Core", "Viewer", "AnnotationCommands.cs") + Source("TeleDerm.Core", "Viewer", "AnnotationGeometry.cs");
        var administration = string.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "TeleDerm.Core", "Administration"), "*.cs").Select(File.ReadAllText))
            + Source("TeleDerm.Web", "Features", "Admin", "LetterheadLogos.cs");
        var codes = ThrownCode("Annotation").Matches(annotation).Select(m => "AnnotationError." + m.Groups[1].Value)
            .Concat(ThrownCode("Administration").Matches(administration).Select(m => "AdminError." + m.Groups[1].Value))
            // The codes built from a value: every value they can take.
            .Concat(Enum.GetNames<OrganisationKind>().Select(kind => $"AdminError.NameTaken.{kind}"))
            .Concat(new[] { "Disable", "Enable", "Role" }.Select(change => $"AdminError.OwnAccount{change}"))
            .Append("AdminError.Identity")
            .Distinct().ToList();
        Assert.True(codes.Count >= 25, string.Join(", ", codes));
        foreach (var file in new[] { UiTexts.English, UiTexts.French })
        {
            var keys = UiTexts.Load(file).Keys.ToHashSet();
            Assert.All(codes, code => Assert.True(keys.Contains(code), $"{file}: {code} is missing"));
        }
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }

    private static Regex ThrownCode(string kind) => new($@"new {kind}Exception\(""([A-Z][A-Za-z.]+)""");
}

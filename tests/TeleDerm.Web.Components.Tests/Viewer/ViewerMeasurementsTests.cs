using TeleDerm.Core.Viewer;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Viewer;

namespace TeleDerm.Web.Components.Tests.Viewer;

/// <summary>The viewer's list of measurements: each says what it is and whether it is calibrated; only its author may delete it.</summary>
public sealed class ViewerMeasurementsTests : ComponentTestContext
{
    private static readonly DateTime Drawn = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private static CaseMeasurement Measurement(AnnotationKind kind, double? value, bool calibrated, string author, string? label = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "1.2.3", kind, value, value is null ? null : calibrated ? "mm" : "px", calibrated,
            calibrated ? ScaleSource.Calibration : null, label, [], author, Drawn);

    private IRenderedComponent<ViewerMeasurements> List(IReadOnlyList<CaseMeasurement> measurements, Action<Guid>? delete = null) =>
        Context.Render<ViewerMeasurements>(p => p
            .Add(m => m.Measurements, measurements)
            .Add(m => m.UserId, "me")
            .Add(m => m.Format, m => $"{m.Value} {m.Unit}")
            .Add(m => m.ImageDate, _ => "5 Dec 2026")
            .Add(m => m.Delete, id => delete?.Invoke(id)));

    [Fact]
    public void Only_the_author_is_offered_delete_and_it_names_the_measurement_deleted()
    {
        UseLanguage("en");
        var mine = Measurement(AnnotationKind.Ruler, 12.5, calibrated: true, "me");
        var colleagues = Measurement(AnnotationKind.Ruler, 300, calibrated: false, "colleague");
        Guid? deleted = null;
        var list = List([mine, colleagues], id => deleted = id);

        var items = list.FindAll("[data-testid=measurement]");
        Assert.Single(items[0].QuerySelectorAll("[data-testid=delete-measurement]"));
        Assert.Empty(items[1].QuerySelectorAll("[data-testid=delete-measurement]"));
        Assert.Equal("Delete", items[0].QuerySelector("[data-testid=delete-measurement]")!.GetAttribute("aria-label"));

        list.Find("[data-testid=delete-measurement]").Click();
        Assert.Equal(mine.Id, deleted);
    }

    [Fact]
    public void An_uncalibrated_length_says_so_in_words_in_French_too()
    {
        UseLanguage("fr");
        var list = List([Measurement(AnnotationKind.Ruler, 300, calibrated: false, "colleague"), Measurement(AnnotationKind.Label, null, calibrated: false, "me", "papule satellite")]);

        var items = list.FindAll("[data-testid=measurement]");
        Assert.Contains("Longueur", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("non étalonné", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", items[0].GetAttribute("data-calibrated"));
        Assert.Contains("papule satellite", items[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("non étalonné", items[1].TextContent, StringComparison.Ordinal); // a label has no length to calibrate
        Assert.Equal("Supprimer", items[1].QuerySelector("[data-testid=delete-measurement]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void With_no_measurement_it_says_how_to_make_one()
    {
        UseLanguage("en");
        Assert.Contains("Choose a tool and draw on an image", List([]).Markup, StringComparison.Ordinal);
    }
}

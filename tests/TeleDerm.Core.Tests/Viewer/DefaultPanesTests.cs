using TeleDerm.Core.Cases;
using TeleDerm.Core.Viewer;

namespace TeleDerm.Core.Tests.Viewer;

/// <summary>What the viewer shows first: the prior beside today's photo, or two photos of a first visit, never an empty pane by default.</summary>
public sealed class DefaultPanesTests
{
    private static LesionImage Image(string sop, int year, int month, int day, int hour = 9) =>
        new() { SopInstanceUid = sop, AcquiredAtUtc = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc) };

    private static ViewerLesion Lesion(params LesionImage[] images) => new(new Lesion(), images);

    [Fact]
    public void Two_panes_show_the_prior_on_the_left_and_the_newest_on_the_right()
    {
        var lesion = Lesion(Image("2025a", 2025, 6, 1), Image("2026a", 2026, 12, 5, 9), Image("2026b", 2026, 12, 5, 10));

        Assert.Equal(["2025a", "2026b"], lesion.DefaultPanes(2).Select(i => i!.SopInstanceUid));
    }

    [Fact]
    public void A_lesion_seen_once_fills_the_second_pane_with_another_photo_of_that_visit()
    {
        var lesion = Lesion(Image("clinical", 2026, 12, 5, 9), Image("dermoscopic", 2026, 12, 5, 10));

        Assert.Equal(["clinical", "dermoscopic"], lesion.DefaultPanes(2).Select(i => i!.SopInstanceUid));
    }

    [Fact]
    public void A_single_photo_leaves_the_second_pane_empty()
    {
        var panes = Lesion(Image("only", 2026, 12, 5)).DefaultPanes(2);

        Assert.Equal("only", panes[0]!.SopInstanceUid);
        Assert.Null(panes[1]);
    }

    [Fact]
    public void Four_panes_show_the_last_four_in_date_order_and_one_pane_the_newest()
    {
        var lesion = Lesion(Image("a", 2024, 1, 1), Image("b", 2025, 1, 1), Image("c", 2025, 6, 1), Image("d", 2026, 1, 1), Image("e", 2026, 12, 5));

        Assert.Equal(["b", "c", "d", "e"], lesion.DefaultPanes(4).Select(i => i!.SopInstanceUid));
        Assert.Equal("e", Assert.Single(lesion.DefaultPanes(1))!.SopInstanceUid);
    }

    [Fact]
    public void A_lesion_without_photos_shows_empty_panes() => Assert.All(Lesion().DefaultPanes(2), Assert.Null);
}

/// <summary>The prior of a photo: one definition for the viewer and the report.</summary>
public sealed class LesionPriorsTests
{
    private static readonly Guid Lesion = Guid.NewGuid();

    private static LesionImage Image(string sop, ImageKind kind, int year, int month, int day, int hour = 9) =>
        new() { SopInstanceUid = sop, LesionId = Lesion, Kind = kind, AcquiredAtUtc = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc) };

    [Fact]
    public void The_prior_is_the_latest_earlier_visits_photo_of_the_same_kind()
    {
        var dermoscopicThen = Image("d-2025", ImageKind.Dermoscopic, 2025, 11, 27, 8);
        var clinicalThen = Image("c-2025", ImageKind.Clinical, 2025, 11, 27, 9);
        var now = Image("d-2026", ImageKind.Dermoscopic, 2026, 12, 3);

        Assert.Equal("d-2025", LesionPriors.PriorOf(now, [dermoscopicThen, clinicalThen, now])!.SopInstanceUid);
    }

    [Fact]
    public void Without_an_earlier_photo_of_the_same_kind_any_kind_is_the_prior_and_the_same_day_never_is()
    {
        var clinicalThen = Image("c-2025", ImageKind.Clinical, 2025, 11, 27);
        var sameDay = Image("d-morning", ImageKind.Dermoscopic, 2026, 12, 3, 8);
        var now = Image("d-2026", ImageKind.Dermoscopic, 2026, 12, 3, 10);

        Assert.Equal("c-2025", LesionPriors.PriorOf(now, [clinicalThen, sameDay, now])!.SopInstanceUid);
        Assert.Null(LesionPriors.PriorOf(now, [sameDay, now]));
    }
}

using TeleDerm.Core.Cases;
using TeleDerm.Web.Features.Worklist;

namespace TeleDerm.Web.Components.Tests.Worklist;

/// <summary>Live rows never move under the user's pointer: updates in place, new cases behind a bar.</summary>
public sealed class LiveWorklistRowsTests
{
    private static WorklistRow Row(string reference, CaseStatus status = CaseStatus.Submitted, double? risk = null) =>
        new(Guid.NewGuid(), reference, 60, Sex.Male, 1, 1, risk, Urgency.Routine, status,
            new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 12, 8, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 12, 8, 0, 0, DateTimeKind.Utc), null);

    [Fact]
    public void When_the_user_is_elsewhere_the_fresh_order_is_shown_at_once()
    {
        var a = Row("A");
        var b = Row("B");
        var fresh = new[] { Row("NEW"), b, a };

        var update = LiveWorklistRows.Merge([a, b], fresh, userIsOnRows: false);

        Assert.Equal(fresh, update.Rows);
        Assert.Null(update.Pending);
    }

    [Fact]
    public void Under_the_pointer_a_new_case_waits_behind_the_bar_and_known_rows_are_refreshed_where_they_stand()
    {
        var a = Row("A");
        var b = Row("B");
        var claimedB = b with { Status = CaseStatus.Claimed, AssignedDermatologistId = "derm-2" };
        var scoredA = a with { MaxRisk = 0.9 };
        var newCase = Row("NEW", risk: 0.95);
        var fresh = new[] { newCase, scoredA, claimedB };

        var update = LiveWorklistRows.Merge([a, b], fresh, userIsOnRows: true);

        Assert.Equal(["A", "B"], update.Rows.Select(r => r.Reference));
        Assert.Equal(0.9, update.Rows[0].MaxRisk);
        Assert.Equal(CaseStatus.Claimed, update.Rows[1].Status);
        Assert.Equal(1, update.NewCases);
        Assert.Equal(fresh, update.Pending);
    }

    [Fact]
    public void Under_the_pointer_a_case_that_left_the_list_stays_until_the_user_refreshes()
    {
        var a = Row("A");
        var b = Row("B");

        var update = LiveWorklistRows.Merge([a, b], [b], userIsOnRows: true);

        Assert.Equal(["A", "B"], update.Rows.Select(r => r.Reference));
        Assert.Equal(0, update.NewCases);
        Assert.Equal([b], update.Pending);
    }

    [Fact]
    public void Under_the_pointer_an_update_that_changes_no_order_needs_no_bar()
    {
        var a = Row("A");
        var b = Row("B");

        var update = LiveWorklistRows.Merge([a, b], [a with { Status = CaseStatus.Claimed }, b], userIsOnRows: true);

        Assert.Null(update.Pending);
        Assert.Equal(CaseStatus.Claimed, update.Rows[0].Status);
    }
}

using TeleDerm.Core.Cases;

namespace TeleDerm.Web.Features.Worklist;

/// <summary>
/// How a live update meets the rows on screen. Rows already shown are refreshed where they stand (a colleague's
/// claim, a new score); the list is reordered, and new cases inserted, only when the user is not pointing at or
/// working in it. Otherwise they wait behind a "N new cases" bar, so that a row never moves under the pointer.
/// </summary>
public static class LiveWorklistRows
{
    /// <param name="shown">The rows on screen, in their order.</param>
    /// <param name="fresh">The same page of the list as the database has it now.</param>
    /// <param name="userIsOnRows">Pointer over the list, or focus in it.</param>
    public static LiveWorklistUpdate Merge(IReadOnlyList<WorklistRow> shown, IReadOnlyList<WorklistRow> fresh, bool userIsOnRows)
    {
        if (!userIsOnRows)
        {
            return new LiveWorklistUpdate(fresh, Pending: null, NewCases: 0);
        }
        var freshById = fresh.ToDictionary(r => r.CaseId);
        var shownIds = shown.Select(r => r.CaseId).ToHashSet();
        var refreshed = shown.Select(r => freshById.GetValueOrDefault(r.CaseId, r)).ToList();
        var newCases = fresh.Count(r => !shownIds.Contains(r.CaseId));
        var sameOrder = refreshed.Count == fresh.Count && newCases == 0 && refreshed.Select(r => r.CaseId).SequenceEqual(fresh.Select(r => r.CaseId));
        return new LiveWorklistUpdate(refreshed, sameOrder ? null : fresh, newCases);
    }
}

/// <param name="Rows">What to show now.</param>
/// <param name="Pending">The up-to-date order, held until the user asks for it; null when the screen already shows it.</param>
/// <param name="NewCases">Cases in <paramref name="Pending"/> that are not on screen.</param>
public sealed record LiveWorklistUpdate(IReadOnlyList<WorklistRow> Rows, IReadOnlyList<WorklistRow>? Pending, int NewCases);

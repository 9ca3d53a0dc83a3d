using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;

namespace TeleDerm.Web.Features.Worklist;

/// <summary>A page of the worklist with what its rows show besides themselves: thumbnails and dermatologists' names.</summary>
public sealed record WorklistScreen(TeleDerm.Core.Cases.WorklistPage Page, IReadOnlyDictionary<Guid, IReadOnlyList<WorklistThumbnail>> Thumbnails, IReadOnlyDictionary<string, string> Names);

/// <summary>
/// One live event reaches every open worklist of the department at once; each would ask the database for the same
/// page (200 open worklists: 200 times the same three queries for one event). Here the first to ask after an event
/// runs the queries and the others, asking for the same page after the same event, share its answer: as fresh as
/// their own would have been, since it was read after the event. Answers are kept only a few seconds.
/// </summary>
public sealed class SharedWorklistRefresh(TeleDerm.Core.Cases.Worklist worklist, IDbContextFactory<TeleDermDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Request, (DateTime At, Lazy<Task<WorklistScreen>> Screen)> answers = new();

    /// <param name="After">The event that made the page refresh.</param>
    /// <param name="Viewer">The dermatologist looking (it matters only for the "mine" filter).</param>
    private sealed record Request(CaseEvent After, Guid DepartmentId, string? Viewer, WorklistFilter Filter, RiskBands Bands, int Skip, int Take);

    /// <summary>The page as it is after <paramref name="after"/>, shared with every worklist asking for the same page after the same event.</summary>
    public Task<WorklistScreen> AfterAsync(CaseEvent after, Guid departmentId, string dermatologistId, WorklistFilter filter, RiskBands bands, int skip, int take)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, answer) in answers)
        {
            if (now - answer.At > KeptFor)
                answers.TryRemove(key, out _);
        }
        var request = new Request(after, departmentId, filter.MineOnly ? dermatologistId : null, filter, bands, skip, take);
        var shared = answers.GetOrAdd(request, _ => (now, new Lazy<Task<WorklistScreen>>(() => LoadAsync(departmentId, dermatologistId, filter, bands, skip, take))));
        return shared.Screen.Value;
    }

    /// <summary>The page as it is now, for this worklist alone (opening the page, changing filters or pages).</summary>
    public async Task<WorklistScreen> LoadAsync(Guid departmentId, string dermatologistId, WorklistFilter filter, RiskBands bands, int skip, int take)
    {
        var page = await worklist.PageAsync(departmentId, dermatologistId, filter, bands, skip, take);
        var (thumbnails, names) = await DecorationsAsync(page.Rows);
        return new WorklistScreen(page, thumbnails, names);
    }

    /// <summary>Thumbnails and names for these rows (one query each).</summary>
    public async Task<(IReadOnlyDictionary<Guid, IReadOnlyList<WorklistThumbnail>> Thumbnails, IReadOnlyDictionary<string, string> Names)> DecorationsAsync(
        IReadOnlyCollection<WorklistRow> rows)
    {
        var thumbnails = await worklist.ThumbnailsAsync([.. rows.Select(r => r.CaseId).Distinct()]);
        var ids = rows.Select(r => r.AssignedDermatologistId).OfType<string>().Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return (thumbnails, names);
    }
}

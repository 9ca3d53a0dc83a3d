using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Cases;

public sealed record CaseDetails(
    TeleExpertiseCase Case,
    IReadOnlyList<LesionWithImages> Lesions,
    IReadOnlyDictionary<string, string> PeopleNames,
    bool RiskVisible);

public sealed record LesionWithImages(Lesion Lesion, string? GpNote, IReadOnlyList<LesionImage> Images);

public sealed record MyCaseRow(Guid CaseId, string Reference, string PatientName, CaseStatus Status, Urgency Urgency,
    DateTime CreatedAtUtc, DateTime LastActivityAtUtc, bool ChangedSinceLastViewed);

/// <summary>What the GP narrows <i>My requests</i> to; every part optional.</summary>
public sealed record MyCasesFilter(string? Search = null, CaseStatus? Status = null, DateTime? SentFromUtc = null, DateTime? SentBeforeUtc = null);

/// <summary>Reads cases for the people allowed to see them (<see cref="RecordAccess"/>); a null answer means "not yours or not there".</summary>
public sealed class CaseQueries(IDbContextFactory<TeleDermDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CaseDetails?> LoadForAsync(Actor user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().AsSplitQuery()
            .Include(c => c.Patient)
            .Include(c => c.Lesions).ThenInclude(l => l.Lesion)
            .Include(c => c.Messages.OrderBy(m => m.AtUtc))
            .Include(c => c.Transitions.OrderBy(t => t.AtUtc))
            .SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null || !RecordAccess.CanView(user, @case) || (@case.Status == CaseStatus.Draft && !user.IsInRole(Accounts.Roles.GP)))
        {
            return null;
        }
        if (user.IsInRole(Accounts.Roles.GP))
        {
            // The department's own exchanges (a colleague's opinion, a hand-over) are not the GP's to read.
            @case.Messages.RemoveAll(m => !MessageKinds.IsSharedWithGp(m.Kind));
        }
        var images = await db.Set<LesionImage>().AsNoTracking().Where(i => i.CaseId == caseId).OrderBy(i => i.AcquiredAtUtc).ToListAsync(cancellationToken);
        var riskVisible = await Scoring.RiskScoreVisibility.CanSeeAsync(user, @case.DepartmentId, db, cancellationToken);
        if (!riskVisible)
        {
            Scoring.RiskScoreVisibility.Hide(@case, images);
        }
        var lesions = @case.Lesions.Select(l => new LesionWithImages(l.Lesion!, l.GpNote, [.. images.Where(i => i.LesionId == l.LesionId)])).ToList();
        var peopleIds = @case.Messages.Select(m => m.AuthorUserId).Concat(@case.Messages.Select(m => m.AddresseeUserId ?? "")).Concat(@case.Transitions.Select(t => t.ByUserId))
            .Append(@case.SubmittedByUserId).Append(@case.AssignedDermatologistId ?? "").Where(id => id.Length > 0).Distinct().ToList();
        var names = await db.Users.Where(u => peopleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new CaseDetails(@case, lesions, names, riskVisible);
    }

    /// <summary>Remembers that this person has now seen the case as it is.</summary>
    public async Task MarkViewedAsync(Guid caseId, string userId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var marker = await db.Set<CaseReadMarker>().SingleOrDefaultAsync(m => m.CaseId == caseId && m.UserId == userId, cancellationToken);
            if (marker is null)
            {
                db.Add(marker = new CaseReadMarker { CaseId = caseId, UserId = userId });
            }
            marker.LastViewedAtUtc = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // The reader's first view was marked meanwhile by another load (a live refresh of the same page, a
                // second tab): the row exists now, and the next attempt updates it. Unhandled, this ended the page.
            }
        }
    }

    /// <summary>A GP's own requests, newest activity first, each marked when it changed since the GP last opened it.</summary>
    /// <summary>
    /// The GP's requests, latest activity first (500 at most), narrowed by <paramref name="filter"/>: a patient's name or a
    /// reference, a status, the day sent (in the institution's calendar, as <paramref name="filter"/>'s bounds in UTC).
    /// </summary>
    public async Task<IReadOnlyList<MyCaseRow>> MyCasesAsync(string gpUserId, MyCasesFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = db.Set<TeleExpertiseCase>().AsNoTracking().Where(c => c.SubmittedByUserId == gpUserId);
        if (filter?.Search?.Trim().ToLowerInvariant() is { Length: > 0 } term)
        {
            cases = cases.Where(c => c.Reference.ToLower().Contains(term) || c.Patient!.FamilyName.ToLower().Contains(term) || c.Patient.GivenName.ToLower().Contains(term));
        }
        if (filter?.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }
        if (filter?.SentFromUtc is { } from)
        {
            cases = cases.Where(c => c.CreatedAtUtc >= from);
        }
        if (filter?.SentBeforeUtc is { } before)
        {
            cases = cases.Where(c => c.CreatedAtUtc < before);
        }
        var rows = await cases
            .OrderByDescending(c => c.LastActivityAtUtc)
            .Select(c => new
            {
                c.Id, c.Reference, c.Patient!.FamilyName, c.Patient.GivenName, c.Status, c.Urgency, c.CreatedAtUtc, c.LastActivityAtUtc,
                Viewed = db.Set<CaseReadMarker>().Where(m => m.CaseId == c.Id && m.UserId == gpUserId).Select(m => (DateTime?)m.LastViewedAtUtc).FirstOrDefault(),
            })
            .Take(500)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new MyCaseRow(r.Id, r.Reference, $"{r.FamilyName.ToUpperInvariant()} {r.GivenName}", r.Status, r.Urgency,
            r.CreatedAtUtc, r.LastActivityAtUtc, r.Viewed is null ? r.Status != CaseStatus.Draft : r.LastActivityAtUtc > r.Viewed))];
    }
}

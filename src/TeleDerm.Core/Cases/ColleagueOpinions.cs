using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Core.Errors;
using TeleDerm.Core.Events;

namespace TeleDerm.Core.Cases;

/// <summary>An opinion asked of a dermatologist and not given yet.</summary>
public sealed record OpinionRequest(Guid CaseId, string CaseReference, string AskedBy, string Note, DateTime AskedAtUtc);

/// <summary>
/// The opinions a dermatologist has been asked and not given yet, with the open cases they were asked about: a list
/// that stays live without being read again at every change of every case of the department.
/// </summary>
/// <param name="Open">The requests to show.</param>
/// <param name="CasesAskedAbout">Open cases with an opinion asked of them, shown or not (a case released and claimed again shows it again).</param>
public sealed record OpinionRequestsView(IReadOnlyList<OpinionRequest> Open, IReadOnlySet<Guid> CasesAskedAbout)
{
    public static readonly OpinionRequestsView None = new([], new HashSet<Guid>());

    /// <summary>
    /// Whether the list may read differently after this event: an opinion asked or given is a message; anything else
    /// changes it only through a case it was asked about (ended, released, claimed again, handed over to them). A new
    /// case, a score or another case's status, most of a busy department's events, cannot.
    /// </summary>
    public bool MayChangeAfter(CaseEvent caseEvent) =>
        caseEvent.Kind == CaseEventKind.MessageAdded ||
        (caseEvent.Kind is CaseEventKind.StatusChanged or CaseEventKind.ReportSigned && CasesAskedAbout.Contains(caseEvent.CaseId));
}

/// <summary>
/// A colleague's opinion: the dermatologist who holds a case asks a named dermatologist of the department for an
/// opinion, with a note, or hands the case over to them. Both see the case (the department's cases are theirs);
/// only the holder answers (the lifecycle's rule), so a hand-over makes the colleague the holder. Each step is a
/// message of the case's thread, read by the department's dermatologists and never by the GP, and an audit entry.
/// </summary>
public sealed class ColleagueOpinions(IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit, ICaseEventPublisher events, TimeProvider clock)
{
    /// <summary>The dermatologists of the department a holder may ask or hand to (active, not the holder), by name.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> ColleaguesOfAsync(Actor holder, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from user in db.Users
                          join link in db.UserRoles on user.Id equals link.UserId
                          join role in db.Roles on link.RoleId equals role.Id
                          where role.Name == Roles.Dermatologist && user.DepartmentId == holder.DepartmentId && !user.IsDisabled && user.Id != holder.UserId
                          select new { user.Id, user.DisplayName }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).Select(r => (r.Id, r.DisplayName))];
    }

    public Task<Refusal?> AskAsync(Guid caseId, Actor holder, string colleagueId, string note) =>
        FromHolderAsync(caseId, holder, colleagueId, note, MessageKind.OpinionAsked, AuditActions.OpinionAsked);

    public Task<Refusal?> HandOverAsync(Guid caseId, Actor holder, string colleagueId, string note) =>
        FromHolderAsync(caseId, holder, colleagueId, note, MessageKind.HandedOver, AuditActions.CaseHandedOver);

    /// <summary>The colleague asked answers with their opinion; the request is then no longer open.</summary>
    public async Task<Refusal?> GiveAsync(Guid caseId, Actor colleague, string opinion)
    {
        opinion = opinion.Trim();
        await using var db = await dbFactory.CreateDbContextAsync();
        var @case = await db.Set<TeleExpertiseCase>().SingleOrDefaultAsync(c => c.Id == caseId);
        var refusal = await StandingRefusalAsync(db, colleague, @case)
            ?? (await OpenRequestsQuery(db, colleague.UserId).AnyAsync(m => m.CaseId == caseId) ? null : Refusal.Case("NoOpinionAsked", "No opinion on this case was asked of you."))
            ?? MessageText.Problem(opinion);
        if (refusal is not null)
        {
            await RecordAsync(colleague, AuditActions.OpinionGiven, AuditOutcome.Failure, caseId, @case?.PatientId, refusal.Message);
            return refusal;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new CaseMessage { Id = Guid.NewGuid(), CaseId = caseId, AuthorUserId = colleague.UserId, Kind = MessageKind.Opinion, Body = opinion, AtUtc = now });
        await db.SaveChangesAsync();
        await RecordAsync(colleague, AuditActions.OpinionGiven, AuditOutcome.Success, caseId, @case!.PatientId, null);
        events.Publish(new CaseEvent(caseId, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.MessageAdded, now));
        return null;
    }

    /// <summary>The opinions asked of <paramref name="dermatologist"/> and not given yet, oldest first.</summary>
    public async Task<IReadOnlyList<OpinionRequest>> OpenRequestsForAsync(Actor dermatologist, CancellationToken cancellationToken = default)
    {
        if (dermatologist.Role != Roles.Dermatologist)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OpenRequestsAsync(db, dermatologist, cancellationToken);
    }

    /// <summary>The open requests of <paramref name="dermatologist"/>, and the open cases they were asked about (two queries).</summary>
    public async Task<OpinionRequestsView> RequestsViewForAsync(Actor dermatologist, CancellationToken cancellationToken = default)
    {
        if (dermatologist.Role != Roles.Dermatologist)
        {
            return OpinionRequestsView.None;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await OpenRequestsAsync(db, dermatologist, cancellationToken);
        var askedAbout = await (from m in db.Set<CaseMessage>()
                                join c in db.Set<TeleExpertiseCase>() on m.CaseId equals c.Id
                                where m.Kind == MessageKind.OpinionAsked && m.AddresseeUserId == dermatologist.UserId
                                    && c.DepartmentId == dermatologist.DepartmentId && CaseLifecycle.OpenStatuses.Contains(c.Status)
                                select c.Id).Distinct().ToListAsync(cancellationToken);
        return new OpinionRequestsView(open, askedAbout.ToHashSet());
    }

    private static async Task<IReadOnlyList<OpinionRequest>> OpenRequestsAsync(TeleDermDbContext db, Actor dermatologist, CancellationToken cancellationToken) =>
        await (from m in OpenRequestsQuery(db, dermatologist.UserId)
               join c in db.Set<TeleExpertiseCase>() on m.CaseId equals c.Id
               where c.DepartmentId == dermatologist.DepartmentId
               orderby m.AtUtc
               select new OpinionRequest(c.Id, c.Reference, db.Users.Where(u => u.Id == m.AuthorUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "—", m.Body, m.AtUtc))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Requests addressed to the user with no opinion of theirs on the case since; an ended case asks nothing more, nor
    /// one handed over to them meanwhile (it is theirs to answer).
    /// </summary>
    private static IQueryable<CaseMessage> OpenRequestsQuery(TeleDermDbContext db, string userId) =>
        db.Set<CaseMessage>().Where(m => m.Kind == MessageKind.OpinionAsked && m.AddresseeUserId == userId
            && !db.Set<CaseMessage>().Any(o => o.CaseId == m.CaseId && o.Kind == MessageKind.Opinion && o.AuthorUserId == userId && o.AtUtc >= m.AtUtc)
            && db.Set<TeleExpertiseCase>().Any(c => c.Id == m.CaseId && c.AssignedDermatologistId != userId && (c.Status == CaseStatus.Claimed || c.Status == CaseStatus.InReview || c.Status == CaseStatus.WaitingForGp)));

    private async Task<Refusal?> FromHolderAsync(Guid caseId, Actor holder, string colleagueId, string note, MessageKind kind, string action)
    {
        note = note.Trim();
        await using var db = await dbFactory.CreateDbContextAsync();
        var @case = await db.Set<TeleExpertiseCase>().SingleOrDefaultAsync(c => c.Id == caseId);
        var refusal = await StandingRefusalAsync(db, holder, @case)
            ?? (@case!.AssignedDermatologistId == holder.UserId && @case.Status is CaseStatus.Claimed or CaseStatus.InReview or CaseStatus.WaitingForGp
                ? null : Refusal.Case("NotHolder", "Only the dermatologist who holds this case, while it is open, can ask a colleague or hand it over."))
            ?? await ColleagueRefusalAsync(db, holder, colleagueId)
            ?? MessageText.Problem(note);
        if (refusal is not null)
        {
            await RecordAsync(holder, action, AuditOutcome.Failure, caseId, @case?.PatientId, refusal.Message);
            return refusal;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new CaseMessage { Id = Guid.NewGuid(), CaseId = caseId, AuthorUserId = holder.UserId, Kind = kind, Body = note, AtUtc = now, AddresseeUserId = colleagueId });
        if (kind == MessageKind.HandedOver)
        {
            @case!.AssignedDermatologistId = colleagueId;
            // Someone else's change to the case meanwhile (a claim, an answer) makes this one fail, not both win.
            @case.Version = Guid.NewGuid();
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            var changed = Refusal.Case("ChangedMeanwhile", "Someone changed this case a moment ago; it has been reloaded.");
            await RecordAsync(holder, action, AuditOutcome.Failure, caseId, @case!.PatientId, changed.Message);
            return changed;
        }
        await RecordAsync(holder, action, AuditOutcome.Success, caseId, @case!.PatientId, $"to {colleagueId}");
        events.Publish(new CaseEvent(caseId, @case.DepartmentId, @case.SubmittedByUserId,
            kind == MessageKind.HandedOver ? CaseEventKind.StatusChanged : CaseEventKind.MessageAdded, now));
        return null;
    }

    /// <summary>The actor is still a dermatologist of the case's department (a missing case reads the same: nothing to guess).</summary>
    private static async Task<Refusal?> StandingRefusalAsync(TeleDermDbContext db, Actor actor, TeleExpertiseCase? @case)
    {
        if (!await actor.IsStillEntitledAsync(db))
        {
            return Refusal.Case("RightsChanged", ActorStanding.RightsChanged);
        }
        return @case is null || actor.Role != Roles.Dermatologist || @case.DepartmentId != actor.DepartmentId
            ? Refusal.Case("NotYours", "This case does not exist or is not one you may act on.")
            : null;
    }

    private static async Task<Refusal?> ColleagueRefusalAsync(TeleDermDbContext db, Actor holder, string colleagueId)
    {
        var colleague = colleagueId == holder.UserId ? null : await AccountStanding.ReadAsync(db, colleagueId);
        return colleague?.Permits(Roles.Dermatologist, holder.DepartmentId) == true
            ? null
            : Refusal.Case("NotAColleague", "Choose an active dermatologist of your department other than yourself.");
    }

    private Task RecordAsync(Actor actor, string action, AuditOutcome outcome, Guid caseId, Guid? patientId, string? details) =>
        audit.RecordAsync(actor, action, outcome, "case", caseId.ToString(), details, patientId?.ToString());
}

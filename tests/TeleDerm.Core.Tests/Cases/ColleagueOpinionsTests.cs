using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.Tests.Accounts;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Cases;

/// <summary>
/// A colleague's opinion and a hand-over: only the holder asks or hands over, only to an active dermatologist of the
/// department; the colleague asked gives an opinion once; a hand-over makes the colleague the one who answers.
/// </summary>
public abstract class ColleagueOpinionsTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessCaseEvents events = new();

    private ColleagueOpinions Opinions() => new(database, new AuditTrail(database, clock, NullLogger<AuditTrail>.Instance), events, clock);

    private Actor Dermatologist(string id, Guid? department = null, string? name = null) =>
        TestPeople.Enrol(database, new(id, id, Roles.Dermatologist, department ?? CaseBuilder.Department, null, null), name);

    private async Task<TeleExpertiseCase> HeldCaseAsync(string holder)
    {
        var @case = new CaseBuilder().InStatus(CaseStatus.InReview, holder).Build();
        await using var db = database.CreateDbContext();
        db.Add(@case);
        await db.SaveChangesAsync();
        return @case;
    }

    private async Task<List<CaseMessage>> ThreadAsync(Guid caseId)
    {
        await using var db = database.CreateDbContext();
        return await db.Set<CaseMessage>().Where(m => m.CaseId == caseId).OrderBy(m => m.AtUtc).ToListAsync();
    }

    [Fact]
    public async Task The_holder_asks_a_colleague_who_sees_it_waiting_and_gives_an_opinion_once()
    {
        var holder = Dermatologist("derm-a", name: "Dr Anne");
        var colleague = Dermatologist("derm-b", name: "Dr Bruno");
        var @case = await HeldCaseAsync("derm-a");
        var published = new List<CaseEvent>();
        using var subscription = events.Subscribe(published.Add);

        Assert.Equal([("derm-b", "Dr Bruno")], await Opinions().ColleaguesOfAsync(holder));
        Assert.Null(await Opinions().AskAsync(@case.Id, holder, "derm-b", "  Pigment network at the edge: melanoma in situ?  "));

        var asked = Assert.Single(await Opinions().OpenRequestsForAsync(colleague));
        Assert.Equal((@case.Id, "Dr Anne", "Pigment network at the edge: melanoma in situ?"), (asked.CaseId, asked.AskedBy, asked.Note));
        Assert.Empty(await Opinions().OpenRequestsForAsync(holder));
        Assert.Contains(published, e => e.CaseId == @case.Id && e.Kind == CaseEventKind.MessageAdded);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Null(await Opinions().GiveAsync(@case.Id, colleague, "Agreed: excise with 5 mm margins."));
        Assert.Empty(await Opinions().OpenRequestsForAsync(colleague));
        Assert.Equal("CaseError.NoOpinionAsked", (await Opinions().GiveAsync(@case.Id, colleague, "Once more."))?.Key);

        var thread = await ThreadAsync(@case.Id);
        Assert.Equal([(MessageKind.OpinionAsked, "derm-a", "derm-b"), (MessageKind.Opinion, "derm-b", (string?)null)],
            thread.Select(m => (m.Kind, m.AuthorUserId, m.AddresseeUserId)));
        Assert.All(thread, m => Assert.False(MessageKinds.IsSharedWithGp(m.Kind)));
        // The department reads them on the case; the GP who sent it does not.
        var gp = TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null));
        Assert.Equal(2, (await new CaseQueries(database, clock).LoadForAsync(colleague, @case.Id))!.Case.Messages.Count);
        Assert.Empty((await new CaseQueries(database, clock).LoadForAsync(gp, @case.Id))!.Case.Messages);
        // Asking holds nothing: the case is still the holder's.
        await using var db = database.CreateDbContext();
        Assert.Equal("derm-a", (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id)).AssignedDermatologistId);
        var audited = await db.Set<AuditEntry>().Where(a => a.RecordId == @case.Id.ToString()).Select(a => new { a.Action, a.Outcome }).ToListAsync();
        Assert.Equal([AuditActions.OpinionAsked, AuditActions.OpinionGiven, AuditActions.OpinionGiven], audited.Select(a => a.Action));
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Success, AuditOutcome.Failure], audited.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Only_the_holder_asks_only_an_active_colleague_of_the_department_with_a_note()
    {
        var holder = Dermatologist("derm-a");
        var colleague = Dermatologist("derm-b");
        var elsewhere = Dermatologist("derm-x", department: Guid.NewGuid());
        var disabled = Dermatologist("derm-d");
        var gp = TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null));
        await using (var db = database.CreateDbContext())
        {
            (await db.Users.SingleAsync(u => u.Id == "derm-d")).IsDisabled = true;
            await db.SaveChangesAsync();
        }
        var @case = await HeldCaseAsync("derm-a");

        Assert.Equal("CaseError.NotHolder", (await Opinions().AskAsync(@case.Id, colleague, "derm-a", "Mine now?"))?.Key);
        Assert.Equal("CaseError.NotHolder", (await Opinions().HandOverAsync(@case.Id, colleague, "derm-b", "Mine now?"))?.Key);
        Assert.Equal("CaseError.NotYours", (await Opinions().AskAsync(@case.Id, elsewhere, "derm-a", "From another department."))?.Key);
        Assert.Equal("CaseError.NotYours", (await Opinions().AskAsync(@case.Id, gp, "derm-b", "A GP."))?.Key);
        Assert.Equal("CaseError.NotYours", (await Opinions().AskAsync(Guid.NewGuid(), holder, "derm-b", "No such case."))?.Key);
        Assert.Equal("CaseError.NotAColleague", (await Opinions().AskAsync(@case.Id, holder, "derm-x", "Another department."))?.Key);
        Assert.Equal("CaseError.NotAColleague", (await Opinions().AskAsync(@case.Id, holder, "derm-d", "Disabled."))?.Key);
        Assert.Equal("CaseError.NotAColleague", (await Opinions().AskAsync(@case.Id, holder, "derm-a", "Myself."))?.Key);
        Assert.Equal("CaseError.NotAColleague", (await Opinions().AskAsync(@case.Id, holder, "gp-1", "A GP."))?.Key);
        Assert.Equal("CaseError.MessageEmpty", (await Opinions().AskAsync(@case.Id, holder, "derm-b", "   "))?.Key);
        Assert.Equal("CaseError.MessageTooLong", (await Opinions().AskAsync(@case.Id, holder, "derm-b", new string('x', 4001)))?.Key);
        Assert.Equal("CaseError.NoOpinionAsked", (await Opinions().GiveAsync(@case.Id, colleague, "Unasked."))?.Key);

        Assert.Empty(await ThreadAsync(@case.Id));
        Assert.DoesNotContain(await Opinions().ColleaguesOfAsync(holder), c => c.UserId is "derm-x" or "derm-d" or "derm-a" or "gp-1");
    }

    [Fact]
    public async Task A_hand_over_makes_the_colleague_the_one_who_answers()
    {
        var holder = Dermatologist("derm-a");
        var colleague = Dermatologist("derm-b");
        var @case = await HeldCaseAsync("derm-a");
        Assert.Null(await Opinions().AskAsync(@case.Id, holder, "derm-b", "Would you excise?"));
        Assert.Single(await Opinions().OpenRequestsForAsync(colleague));

        Assert.Null(await Opinions().HandOverAsync(@case.Id, holder, "derm-b", "On leave from tomorrow; the GP's photos are due Monday."));

        await using var db = database.CreateDbContext();
        var handed = await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == @case.Id);
        Assert.Equal(("derm-b", CaseStatus.InReview), (handed.AssignedDermatologistId, handed.Status));
        Assert.False(CaseLifecycle.CanApply(handed, CaseAction.Answer, "derm-a"));
        Assert.True(CaseLifecycle.CanApply(handed, CaseAction.Answer, "derm-b"));
        Assert.Equal("CaseError.NotHolder", (await Opinions().AskAsync(@case.Id, holder, "derm-b", "Still mine?"))?.Key);
        var step = (await ThreadAsync(@case.Id))[^1];
        Assert.Equal((MessageKind.HandedOver, "derm-b"), (step.Kind, step.AddresseeUserId));
        // The opinion asked of the new holder is theirs to answer now, not a request waiting on their worklist.
        Assert.Empty(await Opinions().OpenRequestsForAsync(colleague));
    }

    [Fact]
    public async Task The_list_of_opinions_asked_is_read_again_only_after_an_event_that_can_change_it()
    {
        var holder = Dermatologist("derm-a");
        var colleague = Dermatologist("derm-b");
        var asked = await HeldCaseAsync("derm-a");
        var other = await HeldCaseAsync("derm-a");
        Assert.Null(await Opinions().AskAsync(asked.Id, holder, "derm-b", "Would you excise?"));
        CaseEvent Event(TeleExpertiseCase c, CaseEventKind kind) => new(c.Id, c.DepartmentId, c.SubmittedByUserId, kind, clock.GetUtcNow().UtcDateTime);

        var view = await Opinions().RequestsViewForAsync(colleague);

        Assert.Equal([asked.Id], view.Open.Select(r => r.CaseId));
        Assert.False(view.MayChangeAfter(Event(other, CaseEventKind.StatusChanged)));
        Assert.False(view.MayChangeAfter(Event(other, CaseEventKind.Created)));
        Assert.False(view.MayChangeAfter(Event(asked, CaseEventKind.ImageScored)));
        Assert.True(view.MayChangeAfter(Event(asked, CaseEventKind.StatusChanged)));
        Assert.True(view.MayChangeAfter(Event(asked, CaseEventKind.ReportSigned)));
        Assert.True(view.MayChangeAfter(Event(other, CaseEventKind.MessageAdded)));

        // Released: no request shown, but claimed again it shows again, so its status still counts.
        await SetStatusAsync(asked.Id, CaseStatus.Submitted);
        var released = await Opinions().RequestsViewForAsync(colleague);
        Assert.Empty(released.Open);
        Assert.True(released.MayChangeAfter(Event(asked, CaseEventKind.StatusChanged)));

        // Ended: nothing can bring the request back.
        await SetStatusAsync(asked.Id, CaseStatus.Answered);
        Assert.False((await Opinions().RequestsViewForAsync(colleague)).MayChangeAfter(Event(asked, CaseEventKind.StatusChanged)));
        Assert.Same(OpinionRequestsView.None, await Opinions().RequestsViewForAsync(TestPeople.Enrol(database, new("gp-1", "gp-1", Roles.GP, null, CaseBuilder.Practice, null))));
    }

    private async Task SetStatusAsync(Guid caseId, CaseStatus status)
    {
        await using var db = database.CreateDbContext();
        (await db.Set<TeleExpertiseCase>().SingleAsync(c => c.Id == caseId)).Status = status;
        await db.SaveChangesAsync();
    }
}

public sealed class ColleagueOpinionsTestsOnSqlite() : ColleagueOpinionsTests(DatabaseProvider.Sqlite);

public sealed class ColleagueOpinionsTestsOnPostgreSql() : ColleagueOpinionsTests(DatabaseProvider.PostgreSql);

using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Dashboard;

/// <summary>
/// A small department history with known answers, written so that every dashboard figure can be computed
/// by hand (the expectations are in <see cref="DepartmentDashboardTests"/>). The week under test is
/// Monday 2 November 2026 00:00 to Monday 9 November 00:00 (UTC); service levels are the defaults (urgent
/// 24 h, soon 72 h, routine 7 days, calendar hours); risk bands start at 0.3 (intermediate) and 0.6 (high).
/// </summary>
internal sealed class SyntheticHistory
{
    public static readonly Guid Ward = Guid.Parse("d0000000-0000-4000-8000-000000000001");
    public static readonly Guid OtherDepartment = Guid.Parse("d0000000-0000-4000-8000-000000000002");
    public static readonly Guid PracticeNorth = Guid.Parse("b0000000-0000-4000-8000-000000000001");
    public static readonly Guid PracticeSouth = Guid.Parse("b0000000-0000-4000-8000-000000000002");
    public const string DermA = "derm-a";
    public const string DermB = "derm-b";

    /// <summary>The week under test, and the clock: Thursday 12 November 12:00, after the week ended.</summary>
    public static readonly DateTime WeekStart = At(11, 2, 0);
    public static readonly DateTime WeekEnd = At(11, 9, 0);
    public static readonly DateTimeOffset Now = new(At(11, 12, 12));

    private readonly List<TeleExpertiseCase> cases = [];
    private readonly List<CaseAnswer> answers = [];
    private readonly ServiceLevels levels = new();

    public Dictionary<string, TeleExpertiseCase> ByName { get; } = [];

    public static DateTime At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    public SyntheticHistory()
    {
        // C1: submitted in the previous week, answered in this one: cut in two by the week's start.
        Add("C1", Urgency.Routine, PracticeNorth, At(10, 28, 10), risk: 0.15, firstResponse: At(10, 29, 10), answered: At(11, 3, 10), by: DermA,
            management: Management.Reassure, question: true);
        Add("C2", Urgency.Urgent, PracticeNorth, At(11, 2, 8), risk: 0.85, answered: At(11, 2, 14), by: DermA, management: Management.ExcisionOrBiopsy,
            note: true);
        // C3: soon, due Saturday 09:00, answered Sunday: late in calendar hours (it would be on time in working hours).
        Add("C3", Urgency.Soon, PracticeSouth, At(11, 4, 9), risk: 0.45, firstResponse: At(11, 4, 12), answered: At(11, 8, 9), by: DermB,
            management: Management.RoutineInPersonVisit, question: true, reply: true);
        // C4: soon, due Sunday 08:00, answered at exactly that moment over the weekend: within.
        Add("C4", Urgency.Soon, PracticeSouth, At(11, 5, 8), risk: 0.65, answered: At(11, 8, 8), by: DermB, management: Management.Prescription);
        // C5: urgent, sent Friday 17:00, due Saturday 17:00, answered Sunday 10:00: late.
        Add("C5", Urgency.Urgent, PracticeNorth, At(11, 6, 17), risk: 0.72, answered: At(11, 8, 10), by: DermA, management: Management.UrgentInPersonVisit);
        // C6: converted to an in-person visit without an answer; never scored.
        Add("C6", Urgency.Routine, PracticeNorth, At(11, 3, 10), risk: null, convertedAt: At(11, 5, 10), by: DermB);
        // C7: still waiting; risk exactly on the intermediate threshold.
        Add("C7", Urgency.Routine, PracticeSouth, At(11, 7, 11), risk: 0.3);
        // C8: submitted on Sunday evening, answered after the week.
        Add("C8", Urgency.Urgent, PracticeNorth, At(11, 8, 20), risk: 0.95, answered: At(11, 9, 10), by: DermA, management: Management.Reassure);
        // C9: from the previous week, waiting for the GP ever since.
        Add("C9", Urgency.Soon, PracticeSouth, At(10, 26, 9), risk: 0.05, firstResponse: At(10, 27, 9), status: CaseStatus.WaitingForGp, by: DermB,
            question: true);
        Add("C10", Urgency.Routine, PracticeNorth, At(11, 3, 9), risk: null, cancelledAt: At(11, 3, 11));
        Add("C11", Urgency.Soon, PracticeNorth, At(11, 5, 12), risk: null, cancelledAt: At(11, 9, 8));
        // C12: a draft, never sent: counts nowhere.
        Add("C12", Urgency.Urgent, PracticeNorth, submitted: null, risk: 0.99);
        // C13: another department's case: counts nowhere.
        Add("C13", Urgency.Urgent, PracticeNorth, At(11, 3, 8), risk: 0.9, answered: At(11, 3, 9), by: "derm-x", management: Management.ExcisionOrBiopsy,
            department: OtherDepartment);
        // C14: answered at exactly the week's end: in the next week, and still waiting at the end of this one.
        Add("C14", Urgency.Routine, PracticeSouth, At(10, 30, 10), risk: 0.5, answered: At(11, 9, 0), by: DermA, management: Management.Reassure);
        // C15: answered at exactly the week's start: in this week.
        Add("C15", Urgency.Soon, PracticeSouth, At(10, 31, 0), risk: 0.55, answered: At(11, 2, 0), by: DermB, management: Management.PhotoFollowUp);
        // C16 is deliberately absent. C17: answered before answers recorded a management.
        Add("C17", Urgency.Routine, PracticeNorth, At(11, 2, 9), risk: 0.25, answered: At(11, 4, 9), by: DermA, management: null);
    }

    private void Add(string name, Urgency urgency, Guid practice, DateTime? submitted, double? risk, DateTime? firstResponse = null,
        DateTime? answered = null, string? by = null, Management? management = null, DateTime? convertedAt = null, DateTime? cancelledAt = null,
        CaseStatus? status = null, bool question = false, bool reply = false, bool note = false, Guid? department = null)
    {
        var @case = new TeleExpertiseCase
        {
            Id = Guid.NewGuid(),
            Reference = "TD-" + name,
            PatientId = Guid.NewGuid(),
            Patient = new Patient { FamilyName = "Synthetic", GivenName = name, BirthDate = new DateOnly(1970, 1, 1), CreatedAtUtc = At(10, 1, 0) },
            SubmittedByUserId = "gp-1",
            PracticeId = practice,
            DepartmentId = department ?? Ward,
            Reason = "Synthetic history " + name,
            Urgency = urgency,
            PatientConsent = true,
            CreatedAtUtc = submitted ?? At(11, 4, 0),
            SubmittedAtUtc = submitted,
            MaxRisk = risk,
            AssignedDermatologistId = by,
            ClaimedAtUtc = by is null ? null : submitted,
            FirstResponseAtUtc = firstResponse ?? answered ?? convertedAt,
            AnsweredAtUtc = answered,
            Version = Guid.NewGuid(),
        };
        @case.Patient.Id = @case.PatientId;
        @case.Status = status ?? (submitted is null ? CaseStatus.Draft
            : cancelledAt is not null ? CaseStatus.Cancelled
            : convertedAt is not null ? CaseStatus.ConvertedToAppointment
            : answered is not null ? CaseStatus.Answered
            : by is not null ? CaseStatus.Claimed
            : CaseStatus.Submitted);
        @case.ClosedAtUtc = cancelledAt;
        // What CaseLifecycle and CaseOutcomes.Record write on the case as it happens.
        @case.EndedAtUtc = answered ?? convertedAt ?? cancelledAt;
        @case.Outcome = convertedAt is not null ? CaseOutcome.InPersonVisit : management is { } m ? CaseOutcomes.Of(m) : null;
        @case.FirstQuestionAtUtc = question ? @case.FirstResponseAtUtc : null;
        @case.LastActivityAtUtc = answered ?? convertedAt ?? cancelledAt ?? submitted ?? @case.CreatedAtUtc;
        TriagePriority.Update(@case, levels);
        if (by is not null && submitted is { } claimedFrom)
        {
            @case.Transitions.Add(Transition(@case, CaseStatus.Submitted, CaseStatus.Claimed, by, claimedFrom));
        }
        if (convertedAt is { } converted)
        {
            @case.Transitions.Add(Transition(@case, CaseStatus.Claimed, CaseStatus.ConvertedToAppointment, by!, converted));
        }
        if (question)
        {
            @case.Messages.Add(Message(@case, MessageKind.Question, by!, @case.FirstResponseAtUtc!.Value));
        }
        if (reply)
        {
            @case.Messages.Add(Message(@case, MessageKind.Reply, "gp-1", @case.FirstResponseAtUtc!.Value.AddHours(1)));
        }
        if (note)
        {
            @case.Messages.Add(Message(@case, MessageKind.Note, by!, submitted!.Value.AddMinutes(30)));
        }
        if (management is { } advice)
        {
            answers.Add(new CaseAnswer
            {
                Id = Guid.NewGuid(), CaseId = @case.Id, DermatologistUserId = by!, DiagnosisCode = "L82", DiagnosisText = "Seborrhoeic keratosis",
                Management = advice, MessageToGp = "Synthetic answer.", AnsweredAtUtc = answered!.Value,
            });
        }
        cases.Add(@case);
        ByName[name] = @case;
    }

    private static CaseTransition Transition(TeleExpertiseCase @case, CaseStatus from, CaseStatus to, string by, DateTime at) =>
        new() { Id = Guid.NewGuid(), CaseId = @case.Id, From = from, To = to, ByUserId = by, AtUtc = at };

    private static CaseMessage Message(TeleExpertiseCase @case, MessageKind kind, string author, DateTime at) =>
        new() { Id = Guid.NewGuid(), CaseId = @case.Id, Kind = kind, AuthorUserId = author, Body = kind.ToString(), AtUtc = at };

    public async Task SaveAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Departments.AddRange(new Department { Id = Ward, Name = "Dermatology North" }, new Department { Id = OtherDepartment, Name = "Dermatology South" });
        db.Practices.AddRange(new Practice { Id = PracticeNorth, Name = "Practice North" }, new Practice { Id = PracticeSouth, Name = "Practice South" });
        db.Users.AddRange(
            new TeleDermUser { Id = DermA, UserName = DermA, Email = DermA + "@test.example", DisplayName = "Dr Anne Martin" },
            new TeleDermUser { Id = DermB, UserName = DermB, Email = DermB + "@test.example", DisplayName = "Dr Bruno Petit" });
        db.AddRange(cases);
        db.AddRange(answers);
        await db.SaveChangesAsync();
    }
}

using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Tests.Cases;

/// <summary>Builds a case (and its patient) for tests; every field has a believable default.</summary>
internal sealed class CaseBuilder
{
    public static readonly Guid Department = Guid.Parse("6f1f2c1e-0000-4000-8000-000000000001");
    public static readonly Guid Practice = Guid.Parse("6f1f2c1e-0000-4000-8000-000000000002");
    private CaseStatus status = CaseStatus.Draft;
    private string gp = "gp-1";
    private string? assignee;
    private Urgency urgency = Urgency.Routine;

    public CaseBuilder SubmittedBy(string gpId) { gp = gpId; return this; }
    public CaseBuilder InStatus(CaseStatus value, string? assignedTo = null) { status = value; assignee = assignedTo; return this; }
    public CaseBuilder WithUrgency(Urgency value) { urgency = value; return this; }

    public TeleExpertiseCase Build()
    {
        var patient = new Patient
        {
            Id = Guid.NewGuid(), FamilyName = "Durand", GivenName = "Élise", BirthDate = new DateOnly(1961, 4, 2),
            Sex = Sex.Female, CreatedAtUtc = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc),
        };
        return new TeleExpertiseCase
        {
            Id = Guid.NewGuid(),
            Reference = "TD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Patient = patient,
            PatientId = patient.Id,
            SubmittedByUserId = gp,
            PracticeId = Practice,
            DepartmentId = Department,
            Reason = "Pigmented lesion on the back, changed in three months.",
            Urgency = urgency,
            PatientConsent = true,
            Status = status,
            AssignedDermatologistId = assignee,
            CreatedAtUtc = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc),
            SubmittedAtUtc = status == CaseStatus.Draft ? null : new DateTime(2026, 11, 2, 9, 5, 0, DateTimeKind.Utc),
            Version = Guid.NewGuid(),
        };
    }
}

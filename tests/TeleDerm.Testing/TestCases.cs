using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;

namespace TeleDerm.Testing;

/// <summary>Submitted requests created straight in the database, for tests of the screens that list them.</summary>
public static class TestCases
{
    public static async Task<TeleExpertiseCase> CreateSubmittedAsync(IServiceProvider services, string gpUserId,
        Urgency urgency = Urgency.Soon, double? risk = null, TimeSpan? submittedAgo = null, bool publish = true)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var department = await db.Departments.FirstAsync();
        var practice = await db.Practices.FirstAsync();
        var patient = new Patient
        {
            Id = Guid.NewGuid(), PracticeId = practice.Id, FamilyName = "Test", GivenName = "Patient", BirthDate = new DateOnly(1958, 6, 14),
            Sex = Sex.Male, CreatedAtUtc = now,
        };
        var @case = new TeleExpertiseCase
        {
            Id = Guid.NewGuid(),
            Reference = "TD-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(),
            Patient = patient,
            PatientId = patient.Id,
            SubmittedByUserId = gpUserId,
            PracticeId = practice.Id,
            DepartmentId = department.Id,
            Reason = "Changing pigmented lesion.",
            Urgency = urgency,
            PatientConsent = true,
            Status = CaseStatus.Submitted,
            CreatedAtUtc = now - (submittedAgo ?? TimeSpan.FromHours(1)),
            SubmittedAtUtc = now - (submittedAgo ?? TimeSpan.FromHours(1)),
            MaxRisk = risk,
            Version = Guid.NewGuid(),
        };
        TriagePriority.Update(@case, scope.ServiceProvider.GetRequiredService<IOptions<ServiceLevels>>().Value);
        db.Add(@case);
        await db.SaveChangesAsync();
        if (publish)
        {
            scope.ServiceProvider.GetRequiredService<ICaseEventPublisher>()
                .Publish(new CaseEvent(@case.Id, @case.DepartmentId, gpUserId, CaseEventKind.Created, now));
        }
        return @case;
    }
}

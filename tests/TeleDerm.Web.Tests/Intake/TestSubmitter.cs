using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Intake;
using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>A GP of a practice and the department their requests go to: who the intake tests submit as.</summary>
internal sealed record TestSubmitter(Actor Gp, Guid DepartmentId)
{
    public static TestSubmitter Of(Actor gp, Guid practiceId, Guid departmentId) => new(gp with { PracticeId = practiceId }, departmentId);

    /// <summary>A new GP account of the app's first practice, sending to its first department (made when there is none).</summary>
    public static async Task<TestSubmitter> NewGpAsync(IServiceProvider services)
    {
        var gp = await TestAccounts.CreateAsync(services, Roles.GP);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var department = await db.Departments.FirstOrDefaultAsync() ?? db.Departments.Add(new Department { Id = Guid.NewGuid(), Name = "Dermatology" }).Entity;
        await db.SaveChangesAsync();
        return Of(new Actor(gp.Id, gp.Email, Roles.GP, null, null, "127.0.0.1"), (await db.Practices.FirstAsync()).Id, department.Id);
    }
}

internal static class TestSubmitterIntake
{
    public static Task<IntakeResult> SubmitAsync(this IntakeService intake, IntakeRequest request, TestSubmitter submitter) =>
        intake.SubmitAsync(request, submitter.Gp, submitter.DepartmentId);
}

using TeleDerm.Core.Accounts;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Tests.Intake;

/// <summary>A GP of a practice and the department their requests go to: who the intake tests submit as.</summary>
internal sealed record TestSubmitter(Actor Gp, Guid DepartmentId)
{
    public static TestSubmitter Of(Actor gp, Guid practiceId, Guid departmentId) => new(gp with { PracticeId = practiceId }, departmentId);
}

internal static class TestSubmitterIntake
{
    public static Task<IntakeResult> SubmitAsync(this IntakeService intake, IntakeRequest request, TestSubmitter submitter) =>
        intake.SubmitAsync(request, submitter.Gp, submitter.DepartmentId);
}

using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;

namespace TeleDerm.Core.Tests.Authorization;

public class RecordAccessTests
{
    private static readonly Guid Dermatology = Guid.NewGuid();
    private static readonly Guid OtherDepartment = Guid.NewGuid();
    private sealed record Record(string SubmittedByUserId, Guid DepartmentId) : IOwnedRecord;

    private static Actor User(string id, string role, Guid? department = null) => new(id, id, role, department, null, null);

    private static readonly Record CaseOfGpA = new("gp-a", Dermatology);

    [Fact]
    public void A_GP_sees_the_records_they_submitted() => Assert.True(RecordAccess.CanView(User("gp-a", Roles.GP), CaseOfGpA));

    [Fact]
    public void A_GP_does_not_see_another_GPs_record() => Assert.False(RecordAccess.CanView(User("gp-b", Roles.GP), CaseOfGpA));

    [Fact]
    public void A_dermatologist_sees_the_records_of_their_department() =>
        Assert.True(RecordAccess.CanView(User("d1", Roles.Dermatologist, Dermatology), CaseOfGpA));

    [Fact]
    public void A_dermatologist_of_another_department_does_not() =>
        Assert.False(RecordAccess.CanView(User("d2", Roles.Dermatologist, OtherDepartment), CaseOfGpA));

    [Fact]
    public void A_department_head_sees_their_department() =>
        Assert.True(RecordAccess.CanView(User("h", Roles.DepartmentHead, Dermatology), CaseOfGpA));

    [Fact]
    public void An_administrator_sees_no_patient_record() =>
        Assert.False(RecordAccess.CanView(User("admin", Roles.Admin), CaseOfGpA));

    [Fact]
    public void Nobody_anonymous_sees_anything() =>
        Assert.False(RecordAccess.CanView(Actor.Nobody, CaseOfGpA));
}

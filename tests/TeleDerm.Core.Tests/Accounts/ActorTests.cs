using System.Security.Claims;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;

namespace TeleDerm.Core.Tests.Accounts;

/// <summary>The one actor type, as the web host builds it from a session's claims.</summary>
public class ActorTests
{
    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, "cookie", ClaimTypes.Name, ClaimTypes.Role));

    [Fact]
    public void A_session_becomes_the_person_with_their_role_department_and_practice()
    {
        var department = Guid.NewGuid();
        var practice = Guid.NewGuid();
        var actor = Actor.FromClaims(SignedIn(new Claim(ClaimTypes.NameIdentifier, "u-1"), new Claim(ClaimTypes.Name, "gp@test.example"),
            new Claim(ClaimTypes.Role, Roles.GP), new Claim(TeleDermClaims.DepartmentId, department.ToString()),
            new Claim(TeleDermClaims.PracticeId, practice.ToString())), "10.0.0.7");

        Assert.Equal(new Actor("u-1", "gp@test.example", Roles.GP, department, practice, "10.0.0.7"), actor);
        Assert.True(actor.IsInRole(Roles.GP));
        Assert.False(actor.IsInRole(Roles.Dermatologist));
    }

    [Fact]
    public void No_session_is_nobody_who_holds_no_role_but_keeps_the_address_for_the_audit()
    {
        var actor = Actor.FromClaims(new ClaimsPrincipal(new ClaimsIdentity()), "10.0.0.8");

        Assert.False(actor.IsSignedIn);
        Assert.All(Roles.All, role => Assert.False(actor.IsInRole(role)));
        Assert.Equal("10.0.0.8", actor.IpAddress);
    }

    [Fact]
    public void A_session_without_a_known_role_holds_none_and_sees_nothing_and_unreadable_identifiers_are_absent()
    {
        var actor = Actor.FromClaims(SignedIn(new Claim(ClaimTypes.NameIdentifier, "u-2"), new Claim(ClaimTypes.Role, "Superuser"),
            new Claim(TeleDermClaims.DepartmentId, "not-a-guid")), null);

        Assert.Equal("", actor.Role);
        Assert.All(Roles.All, role => Assert.False(actor.IsInRole(role)));
        Assert.Null(actor.DepartmentId);
        Assert.False(RecordAccess.CanView(actor, new OwnedBy("u-2", Guid.NewGuid())));
    }

    private sealed record OwnedBy(string SubmittedByUserId, Guid DepartmentId) : IOwnedRecord;
}

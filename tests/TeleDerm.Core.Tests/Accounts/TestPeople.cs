using Microsoft.AspNetCore.Identity;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Accounts;

/// <summary>
/// The accounts behind the <see cref="Actor"/>s of Core tests. Commands check that the person acting
/// still exists with the role and department they act with, so each actor is enrolled in the test's database
/// (once; later calls return the same actor).
/// </summary>
internal static class TestPeople
{
    public static Actor Enrol(TestDatabase database, Actor actor, string? displayName = null)
    {
        using var db = database.CreateDbContext();
        if (db.Users.Any(u => u.Id == actor.UserId))
        {
            return actor;
        }
        if (actor.DepartmentId is { } department && !db.Departments.Any(d => d.Id == department))
        {
            db.Departments.Add(new Department { Id = department, Name = $"Department {department}" });
        }
        var role = db.Roles.SingleOrDefault(r => r.Name == actor.Role)
            ?? db.Roles.Add(new IdentityRole(actor.Role) { NormalizedName = actor.Role.ToUpperInvariant() }).Entity;
        // The account name comes from the id: tests derive colleagues from one actor ("with { UserId = ... }").
        var email = $"{actor.UserId}@test.example";
        db.Users.Add(new TeleDermUser
        {
            Id = actor.UserId, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), DisplayName = displayName ?? actor.UserName, DepartmentId = actor.DepartmentId,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = actor.UserId, RoleId = role.Id });
        db.SaveChanges();
        return actor;
    }
}

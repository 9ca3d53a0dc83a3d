using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Tests.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Accounts;

/// <summary>Several accounts read together say exactly what each read alone says, missing ones included.</summary>
public abstract class AccountStandingTests(DatabaseProvider provider)
{
    private readonly TestDatabase database = TestDatabase.CreateMigrated(provider);

    [Fact]
    public async Task Accounts_read_together_are_each_as_read_alone()
    {
        TestPeople.Enrol(database, new("derm-active", "derm-active", Roles.Dermatologist, CaseBuilder.Department, null, null));
        TestPeople.Enrol(database, new("derm-disabled", "derm-disabled", Roles.Dermatologist, CaseBuilder.Department, null, null));
        TestPeople.Enrol(database, new("admin-and-derm", "admin-and-derm", Roles.Dermatologist, CaseBuilder.Department, null, null));
        await using (var db = database.CreateDbContext())
        {
            (await db.Users.SingleAsync(u => u.Id == "derm-disabled")).IsDisabled = true;
            var admin = db.Roles.SingleOrDefault(r => r.Name == Roles.Admin)
                ?? db.Roles.Add(new IdentityRole(Roles.Admin) { NormalizedName = Roles.Admin.ToUpperInvariant() }).Entity;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "admin-and-derm", RoleId = admin.Id });
            await db.SaveChangesAsync();
        }
        string[] ids = ["derm-active", "derm-disabled", "admin-and-derm", "nobody"];

        await using var read = database.CreateDbContext();
        var together = await AccountStanding.ReadManyAsync(read, ids);

        Assert.Equal(["admin-and-derm", "derm-active", "derm-disabled"], together.Keys.Order());
        foreach (var id in ids)
        {
            var alone = await AccountStanding.ReadAsync(read, id);
            var joint = together.GetValueOrDefault(id);
            Assert.Equal(alone is null, joint is null);
            if (alone is not null)
            {
                Assert.Equal((alone.IsActive, alone.DepartmentId, alone.SecurityStamp), (joint!.IsActive, joint.DepartmentId, joint.SecurityStamp));
                Assert.Equal(alone.RoleNames.Order(), joint.RoleNames.Order());
            }
        }
        Assert.False(together["derm-disabled"].IsActive);
        Assert.Equal([Roles.Admin, Roles.Dermatologist], together["admin-and-derm"].RoleNames.Order());
        Assert.Empty(await AccountStanding.ReadManyAsync(read, ["nobody"]));
    }
}

public sealed class AccountStandingTestsOnSqlite() : AccountStandingTests(DatabaseProvider.Sqlite);

public sealed class AccountStandingTestsOnPostgreSql() : AccountStandingTests(DatabaseProvider.PostgreSql);

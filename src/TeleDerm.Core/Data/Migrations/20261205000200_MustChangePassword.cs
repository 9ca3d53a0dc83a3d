using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Accounts whose password someone else chose (demo accounts) must choose their own at first sign-in.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261205000200_MustChangePassword")]
public sealed class MustChangePassword : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<bool>("MustChangePassword", "AspNetUsers", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("MustChangePassword", "AspNetUsers");
}

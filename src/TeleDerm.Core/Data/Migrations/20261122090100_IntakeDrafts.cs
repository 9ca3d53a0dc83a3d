using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Requests being written, saved as the GP types.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122090100_IntakeDrafts")]
public sealed class IntakeDrafts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "IntakeDrafts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                GpUserId = table.Column<string>(maxLength: 64, nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                StateJson = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IntakeDrafts", x => x.Id));
        migrationBuilder.CreateIndex("IX_IntakeDrafts_GpUserId", "IntakeDrafts", "GpUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("IntakeDrafts");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>When each person last looked at a case, and when each case last changed: the "what's new" badge of My cases.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122030000_CaseReadMarkers")]
public sealed class CaseReadMarkers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "LastActivityAtUtc", table: "Cases", nullable: false,
            defaultValue: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        migrationBuilder.CreateTable(
            name: "CaseReadMarkers",
            columns: table => new
            {
                CaseId = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                LastViewedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseReadMarkers", x => new { x.CaseId, x.UserId });
                table.ForeignKey("FK_CaseReadMarkers_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CaseReadMarkers");
        migrationBuilder.DropColumn(name: "LastActivityAtUtc", table: "Cases");
    }
}

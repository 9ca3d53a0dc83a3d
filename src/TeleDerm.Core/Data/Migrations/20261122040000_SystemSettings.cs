using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Settings administrators change at run time (the active risk model first).</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122040000_SystemSettings")]
public sealed class SystemSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "SystemSettings",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Value = table.Column<string>(maxLength: 1000, nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedByUserId = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_SystemSettings", x => x.Key));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("SystemSettings");
}

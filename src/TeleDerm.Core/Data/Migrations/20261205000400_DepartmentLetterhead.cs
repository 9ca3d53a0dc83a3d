using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Each department's letterhead (hospital name, address, logo), set by an administrator; empty falls back to the settings.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261205000400_DepartmentLetterhead")]
public sealed class DepartmentLetterhead : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("LetterheadName", "Departments", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>("LetterheadAddress", "Departments", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<byte[]>("LetterheadLogoJpeg", "Departments", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("LetterheadName", "Departments");
        migrationBuilder.DropColumn("LetterheadAddress", "Departments");
        migrationBuilder.DropColumn("LetterheadLogoJpeg", "Departments");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>
/// Practices as a security boundary: a patient record belongs to the practice that first sent them (GPs find
/// and link only their own practice's patients), and a practice can be disabled (its GPs and API keys stop).
/// Existing patients take the practice of their earliest case; the national identifier is unique per practice.
/// </summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261205000000_PracticeBoundaries")]
public sealed class PracticeBoundaries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("DisabledAtUtc", "Practices", nullable: true);
        migrationBuilder.AddColumn<Guid>("PracticeId", "Patients", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Patients" SET "PracticeId" = (
                SELECT c."PracticeId" FROM "Cases" c WHERE c."PatientId" = "Patients"."Id" ORDER BY c."CreatedAtUtc" LIMIT 1)
            """);
        migrationBuilder.DropIndex("IX_Patients_NationalHealthId", "Patients");
        migrationBuilder.DropIndex("IX_Patients_FamilyName_BirthDate", "Patients");
        migrationBuilder.CreateIndex("IX_Patients_PracticeId_NationalHealthId", "Patients", ["PracticeId", "NationalHealthId"], unique: true);
        migrationBuilder.CreateIndex("IX_Patients_PracticeId_FamilyName_BirthDate", "Patients", ["PracticeId", "FamilyName", "BirthDate"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Patients_PracticeId_FamilyName_BirthDate", "Patients");
        migrationBuilder.DropIndex("IX_Patients_PracticeId_NationalHealthId", "Patients");
        migrationBuilder.DropColumn("PracticeId", "Patients");
        migrationBuilder.DropColumn("DisabledAtUtc", "Practices");
        migrationBuilder.CreateIndex("IX_Patients_NationalHealthId", "Patients", "NationalHealthId", unique: true);
        migrationBuilder.CreateIndex("IX_Patients_FamilyName_BirthDate", "Patients", ["FamilyName", "BirthDate"]);
    }
}

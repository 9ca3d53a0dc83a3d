using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>The dermatologist's answer (diagnosis, management, message, advice) and its prescription lines.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122050000_CaseAnswers")]
public sealed class CaseAnswers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CaseAnswers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                DermatologistUserId = table.Column<string>(maxLength: 64, nullable: false),
                DiagnosisCode = table.Column<string>(maxLength: 16, nullable: false),
                DiagnosisText = table.Column<string>(maxLength: 500, nullable: false),
                Confidence = table.Column<int>(nullable: false),
                Management = table.Column<int>(nullable: false),
                FollowUpMonths = table.Column<int>(nullable: true),
                MessageToGp = table.Column<string>(maxLength: 4000, nullable: false),
                PatientAdvice = table.Column<string>(maxLength: 4000, nullable: true),
                AnsweredAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseAnswers", x => x.Id);
                table.ForeignKey("FK_CaseAnswers_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_CaseAnswers_CaseId", "CaseAnswers", "CaseId", unique: true);

        migrationBuilder.CreateTable(
            name: "PrescriptionLines",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AnswerId = table.Column<Guid>(nullable: false),
                LineNumber = table.Column<int>(nullable: false),
                Medicine = table.Column<string>(maxLength: 200, nullable: false),
                Strength = table.Column<string>(maxLength: 100, nullable: false),
                Dose = table.Column<string>(maxLength: 200, nullable: false),
                Duration = table.Column<string>(maxLength: 100, nullable: false),
                Instructions = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PrescriptionLines", x => x.Id);
                table.ForeignKey("FK_PrescriptionLines_CaseAnswers_AnswerId", x => x.AnswerId, "CaseAnswers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_PrescriptionLines_AnswerId_LineNumber", "PrescriptionLines", ["AnswerId", "LineNumber"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("PrescriptionLines");
        migrationBuilder.DropTable("CaseAnswers");
    }
}

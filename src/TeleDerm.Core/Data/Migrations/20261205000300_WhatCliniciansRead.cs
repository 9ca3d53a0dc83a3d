using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>
/// The clinician's registration number for reports; the department's choices about the risk score (shown to
/// GPs, printed on reports; both off); and clinical photos scored by a dermoscopy-only model go back to the
/// queue, where the worker now leaves them unscored and takes their score out of the case's risk.
/// </summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261205000300_WhatCliniciansRead")]
public sealed class WhatCliniciansRead : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("RegistrationNumber", "AspNetUsers", maxLength: 40, nullable: true);
        migrationBuilder.AddColumn<bool>("RiskScoresVisibleToGps", "Departments", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<bool>("RiskScoreInReports", "Departments", nullable: false, defaultValue: false);
        // Kind 0 = clinical, state 0 = pending: the scoring worker decides again with the active model's card.
        migrationBuilder.Sql("UPDATE \"LesionImages\" SET \"ScoreState\" = 0, \"NextScoreAttemptAtUtc\" = NULL WHERE \"Kind\" = 0");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("RegistrationNumber", "AspNetUsers");
        migrationBuilder.DropColumn("RiskScoresVisibleToGps", "Departments");
        migrationBuilder.DropColumn("RiskScoreInReports", "Departments");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>The case domain: patients, lesions (with tracking UIDs), requests, their lesions, images, messages and timeline.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122020000_Cases")]
public sealed class Cases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Patients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                FamilyName = table.Column<string>(maxLength: 100, nullable: false),
                GivenName = table.Column<string>(maxLength: 100, nullable: false),
                BirthDate = table.Column<DateOnly>(nullable: false),
                Sex = table.Column<int>(nullable: false),
                NationalHealthId = table.Column<string>(maxLength: 32, nullable: true),
                Phone = table.Column<string>(maxLength: 32, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Patients", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Cases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(maxLength: 16, nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                SubmittedByUserId = table.Column<string>(maxLength: 64, nullable: false),
                PracticeId = table.Column<Guid>(nullable: false),
                DepartmentId = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(maxLength: 2000, nullable: false),
                Questionnaire_DurationMonths = table.Column<int>(nullable: true),
                Questionnaire_Evolution = table.Column<int>(nullable: false),
                Questionnaire_EvolutionDetails = table.Column<string>(maxLength: 1000, nullable: true),
                Questionnaire_Itch = table.Column<bool>(nullable: false),
                Questionnaire_Bleeding = table.Column<bool>(nullable: false),
                Questionnaire_Pain = table.Column<bool>(nullable: false),
                Questionnaire_Ulceration = table.Column<bool>(nullable: false),
                Questionnaire_TreatmentsTried = table.Column<string>(maxLength: 1000, nullable: true),
                Questionnaire_PersonalHistoryOfSkinCancer = table.Column<bool>(nullable: true),
                Questionnaire_FamilyHistoryOfMelanoma = table.Column<bool>(nullable: true),
                Questionnaire_FitzpatrickPhototype = table.Column<int>(nullable: true),
                Questionnaire_Immunosuppressed = table.Column<bool>(nullable: true),
                Urgency = table.Column<int>(nullable: false),
                UrgencyReason = table.Column<string>(maxLength: 500, nullable: true),
                PatientConsent = table.Column<bool>(nullable: false),
                Status = table.Column<int>(nullable: false),
                AssignedDermatologistId = table.Column<string>(maxLength: 64, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                SubmittedAtUtc = table.Column<DateTime>(nullable: true),
                ClaimedAtUtc = table.Column<DateTime>(nullable: true),
                FirstResponseAtUtc = table.Column<DateTime>(nullable: true),
                AnsweredAtUtc = table.Column<DateTime>(nullable: true),
                ClosedAtUtc = table.Column<DateTime>(nullable: true),
                MaxRisk = table.Column<double>(nullable: true),
                ServiceDueAtUtc = table.Column<DateTime>(nullable: true),
                PriorityDueAtUtc = table.Column<DateTime>(nullable: true),
                Version = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Cases", x => x.Id);
                table.ForeignKey("FK_Cases_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Lesions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                BodySiteCode = table.Column<string>(maxLength: 32, nullable: false),
                Laterality = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                TrackingUid = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Lesions", x => x.Id);
                table.ForeignKey("FK_Lesions_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CaseLesions",
            columns: table => new
            {
                CaseId = table.Column<Guid>(nullable: false),
                LesionId = table.Column<Guid>(nullable: false),
                GpNote = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseLesions", x => new { x.CaseId, x.LesionId });
                table.ForeignKey("FK_CaseLesions_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CaseLesions_Lesions_LesionId", x => x.LesionId, "Lesions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CaseMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                AuthorUserId = table.Column<string>(maxLength: 64, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseMessages", x => x.Id);
                table.ForeignKey("FK_CaseMessages_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CaseTransitions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                From = table.Column<int>(nullable: false),
                To = table.Column<int>(nullable: false),
                ByUserId = table.Column<string>(maxLength: 64, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseTransitions", x => x.Id);
                table.ForeignKey("FK_CaseTransitions_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LesionImages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                LesionId = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                StudyInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                SeriesInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                SopInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                AcquiredAtUtc = table.Column<DateTime>(nullable: false),
                OriginalFileName = table.Column<string>(maxLength: 255, nullable: true),
                SizeBytes = table.Column<long>(nullable: false),
                ScoreState = table.Column<int>(nullable: false),
                ScoreAttempts = table.Column<int>(nullable: false),
                NextScoreAttemptAtUtc = table.Column<DateTime>(nullable: true),
                Risk = table.Column<double>(nullable: true),
                RiskBand = table.Column<string>(maxLength: 32, nullable: true),
                ModelName = table.Column<string>(maxLength: 100, nullable: true),
                ModelVersion = table.Column<string>(maxLength: 32, nullable: true),
                FeaturesJson = table.Column<string>(nullable: true),
                ScoreError = table.Column<string>(maxLength: 1000, nullable: true),
                ScoredAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LesionImages", x => x.Id);
                table.ForeignKey("FK_LesionImages_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_LesionImages_Lesions_LesionId", x => x.LesionId, "Lesions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Patients_NationalHealthId", "Patients", "NationalHealthId", unique: true);
        migrationBuilder.CreateIndex("IX_Patients_FamilyName_BirthDate", "Patients", ["FamilyName", "BirthDate"]);
        migrationBuilder.CreateIndex("IX_Cases_PatientId", "Cases", "PatientId");
        migrationBuilder.CreateIndex("IX_Cases_Reference", "Cases", "Reference", unique: true);
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_Status_PriorityDueAtUtc", "Cases", ["DepartmentId", "Status", "PriorityDueAtUtc"]);
        migrationBuilder.CreateIndex("IX_Cases_SubmittedByUserId_Status", "Cases", ["SubmittedByUserId", "Status"]);
        migrationBuilder.CreateIndex("IX_Lesions_PatientId", "Lesions", "PatientId");
        migrationBuilder.CreateIndex("IX_Lesions_TrackingUid", "Lesions", "TrackingUid", unique: true);
        migrationBuilder.CreateIndex("IX_CaseLesions_LesionId", "CaseLesions", "LesionId");
        migrationBuilder.CreateIndex("IX_CaseMessages_CaseId", "CaseMessages", "CaseId");
        migrationBuilder.CreateIndex("IX_CaseTransitions_CaseId", "CaseTransitions", "CaseId");
        migrationBuilder.CreateIndex("IX_LesionImages_SopInstanceUid", "LesionImages", "SopInstanceUid", unique: true);
        migrationBuilder.CreateIndex("IX_LesionImages_LesionId", "LesionImages", "LesionId");
        migrationBuilder.CreateIndex("IX_LesionImages_CaseId", "LesionImages", "CaseId");
        migrationBuilder.CreateIndex("IX_LesionImages_ScoreState_NextScoreAttemptAtUtc", "LesionImages", ["ScoreState", "NextScoreAttemptAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "LesionImages", "CaseTransitions", "CaseMessages", "CaseLesions", "Lesions", "Cases", "Patients" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}

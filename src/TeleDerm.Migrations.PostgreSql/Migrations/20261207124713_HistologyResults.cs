using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeleDerm.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class HistologyResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HistologyResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    LesionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Procedure = table.Column<int>(type: "integer", nullable: false),
                    Diagnosis = table.Column<int>(type: "integer", nullable: false),
                    BreslowMm = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SampledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistologyResults", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HistologyResults_CaseId",
                table: "HistologyResults",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_HistologyResults_DepartmentId_SampledOn",
                table: "HistologyResults",
                columns: new[] { "DepartmentId", "SampledOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HistologyResults");
        }
    }
}

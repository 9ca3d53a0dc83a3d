using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeleDerm.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddBillableActs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BillableActs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotBillableReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillableActs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BillableActs_CaseId_Role",
                table: "BillableActs",
                columns: new[] { "CaseId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BillableActs_DepartmentId_AtUtc",
                table: "BillableActs",
                columns: new[] { "DepartmentId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BillableActs_PatientId_PractitionerUserId_Role_AtUtc",
                table: "BillableActs",
                columns: new[] { "PatientId", "PractitionerUserId", "Role", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BillableActs");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeleDerm.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NotBillableReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
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

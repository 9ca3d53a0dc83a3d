using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeleDerm.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPracticeWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "NotificationOutbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "PracticeId",
                table: "NotificationOutbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PracticeWebhooks",
                columns: table => new
                {
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastSuccessAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFailureAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeWebhooks", x => x.PracticeId);
                    table.ForeignKey(
                        name: "FK_PracticeWebhooks_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PracticeWebhooks");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "NotificationOutbox");

            migrationBuilder.DropColumn(
                name: "PracticeId",
                table: "NotificationOutbox");
        }
    }
}

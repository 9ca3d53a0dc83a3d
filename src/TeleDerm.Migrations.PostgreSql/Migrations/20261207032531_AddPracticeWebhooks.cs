using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeleDerm.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "PracticeId",
                table: "NotificationOutbox",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PracticeWebhooks",
                columns: table => new
                {
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastSuccessAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFailureAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
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

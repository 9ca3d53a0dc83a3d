using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeleDerm.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ColleagueOpinions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AddresseeUserId",
                table: "CaseMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseMessages_AddresseeUserId_Kind",
                table: "CaseMessages",
                columns: new[] { "AddresseeUserId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseMessages_AddresseeUserId_Kind",
                table: "CaseMessages");

            migrationBuilder.DropColumn(
                name: "AddresseeUserId",
                table: "CaseMessages");
        }
    }
}

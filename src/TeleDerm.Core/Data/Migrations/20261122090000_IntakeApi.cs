using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>The intake API: API keys per practice, and submissions remembered by their Idempotency-Key.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122090000_IntakeApi")]
public sealed class IntakeApi : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PracticeApiKeys",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PracticeId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Prefix = table.Column<string>(maxLength: 16, nullable: false),
                SecretHash = table.Column<byte[]>(maxLength: 32, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                CreatedByUserId = table.Column<string>(maxLength: 64, nullable: false),
                RevokedAtUtc = table.Column<DateTime>(nullable: true),
                LastUsedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PracticeApiKeys", x => x.Id);
                table.ForeignKey("FK_PracticeApiKeys_Practices_PracticeId", x => x.PracticeId, "Practices", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PracticeApiKeys_Prefix", "PracticeApiKeys", "Prefix", unique: true);
        migrationBuilder.CreateIndex("IX_PracticeApiKeys_PracticeId", "PracticeApiKeys", "PracticeId");

        migrationBuilder.CreateTable(
            name: "IdempotentSubmissions",
            columns: table => new
            {
                PracticeId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                RequestHash = table.Column<string>(maxLength: 64, nullable: false),
                CaseId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IdempotentSubmissions", x => new { x.PracticeId, x.Key }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("IdempotentSubmissions");
        migrationBuilder.DropTable("PracticeApiKeys");
    }
}

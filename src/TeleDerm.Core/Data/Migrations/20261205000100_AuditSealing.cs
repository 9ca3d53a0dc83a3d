using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Audit entries name the key that seals them (HMAC); entries written before keep a bare SHA-256 (KeyId null).</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261205000100_AuditSealing")]
public sealed class AuditSealing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("KeyId", "AuditEntries", maxLength: 16, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("KeyId", "AuditEntries");
}

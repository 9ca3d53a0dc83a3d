using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Signed report PDFs (stored as signed, with their hash) and the dermatologists' signing certificates.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122070000_SignedReports")]
public sealed class SignedReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SignedReports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                ReportNumber = table.Column<string>(maxLength: 32, nullable: false),
                SignedByUserId = table.Column<string>(maxLength: 64, nullable: false),
                SignedAtUtc = table.Column<DateTime>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Pdf = table.Column<byte[]>(nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                CertificateThumbprint = table.Column<string>(maxLength: 128, nullable: false),
                AddendumOfReportId = table.Column<Guid>(nullable: true),
                DicomSopInstanceUid = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SignedReports", x => x.Id);
                table.ForeignKey("FK_SignedReports_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SignedReports_SignedReports_AddendumOfReportId", x => x.AddendumOfReportId, "SignedReports", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SignedReports_CaseId", "SignedReports", "CaseId");
        migrationBuilder.CreateIndex("IX_SignedReports_ReportNumber", "SignedReports", "ReportNumber", unique: true);
        migrationBuilder.CreateIndex("IX_SignedReports_AddendumOfReportId", "SignedReports", "AddendumOfReportId");

        migrationBuilder.CreateTable(
            name: "SigningCredentials",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                Source = table.Column<int>(nullable: false),
                Certificate = table.Column<byte[]>(nullable: false),
                ProtectedPkcs12 = table.Column<byte[]>(nullable: false),
                Thumbprint = table.Column<string>(maxLength: 128, nullable: false),
                Subject = table.Column<string>(maxLength: 1000, nullable: false),
                Issuer = table.Column<string>(maxLength: 1000, nullable: false),
                NotAfterUtc = table.Column<DateTime>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SigningCredentials", x => x.Id));
        migrationBuilder.CreateIndex("IX_SigningCredentials_UserId", "SigningCredentials", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SigningCredentials");
        migrationBuilder.DropTable("SignedReports");
    }
}

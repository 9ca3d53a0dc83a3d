using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>Measurements, calibrations and marks drawn in the viewer, kept with the case.</summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122060000_ImageAnnotations")]
public sealed class ImageAnnotations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ImageAnnotations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                LesionImageId = table.Column<Guid>(nullable: false),
                SopInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                Kind = table.Column<int>(nullable: false),
                PointsJson = table.Column<string>(maxLength: 8000, nullable: false),
                Label = table.Column<string>(maxLength: 200, nullable: true),
                KnownLengthMm = table.Column<double>(nullable: true),
                PixelSpacingRowMm = table.Column<double>(nullable: true),
                PixelSpacingColumnMm = table.Column<double>(nullable: true),
                CreatedByUserId = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImageAnnotations", x => x.Id);
                table.ForeignKey("FK_ImageAnnotations_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ImageAnnotations_LesionImages_LesionImageId", x => x.LesionImageId, "LesionImages", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ImageAnnotations_CaseId", "ImageAnnotations", "CaseId");
        migrationBuilder.CreateIndex("IX_ImageAnnotations_LesionImageId", "ImageAnnotations", "LesionImageId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("ImageAnnotations");
}

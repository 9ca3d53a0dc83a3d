using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>
/// The embedded DICOM store's index (identifiers and file paths, never pixels) and the outbox of instances
/// waiting for a remote store. Written by hand without store types, like Initial; both keys are
/// strings or Guids, so no identity column and no provider annotation is needed.
/// </summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122010000_DicomStore")]
public sealed class DicomStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DicomInstances",
            columns: table => new
            {
                SopInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                StudyInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                SeriesInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                SopClassUid = table.Column<string>(maxLength: 64, nullable: false),
                PatientId = table.Column<string>(maxLength: 64, nullable: false),
                TrackingUid = table.Column<string>(maxLength: 64, nullable: true),
                AcquisitionDateTime = table.Column<DateTime>(nullable: true),
                RelativePath = table.Column<string>(maxLength: 300, nullable: false),
                Size = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                StoredAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DicomInstances", x => x.SopInstanceUid));

        migrationBuilder.CreateTable(
            name: "DicomOutbox",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SopInstanceUid = table.Column<string>(maxLength: 64, nullable: false),
                RelativePath = table.Column<string>(maxLength: 300, nullable: false),
                EnqueuedAtUtc = table.Column<DateTime>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAtUtc = table.Column<DateTime>(nullable: false),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
                IsRejected = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DicomOutbox", x => x.Id));

        migrationBuilder.CreateIndex("IX_DicomInstances_PatientId", "DicomInstances", "PatientId");
        migrationBuilder.CreateIndex("IX_DicomInstances_StudyInstanceUid", "DicomInstances", "StudyInstanceUid");
        migrationBuilder.CreateIndex("IX_DicomInstances_TrackingUid", "DicomInstances", "TrackingUid");
        migrationBuilder.CreateIndex("IX_DicomOutbox_NextAttemptAtUtc", "DicomOutbox", "NextAttemptAtUtc");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("DicomOutbox");
        migrationBuilder.DropTable("DicomInstances");
    }
}

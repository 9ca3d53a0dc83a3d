using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleDerm.Core.Data.Migrations;

/// <summary>
/// The department dashboard counts a department's cases by when they were submitted, first answered and
/// answered, over a period: one range scan each on (department, time) instead of reading the whole table
/// (measured with a million cases in docs/benchmarks.md).
/// </summary>
[DbContext(typeof(TeleDermDbContext))]
[Migration("20261122080000_DashboardIndexes")]
public sealed class DashboardIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_SubmittedAtUtc", "Cases", ["DepartmentId", "SubmittedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_FirstResponseAtUtc", "Cases", ["DepartmentId", "FirstResponseAtUtc"]);
        migrationBuilder.CreateIndex("IX_Cases_DepartmentId_AnsweredAtUtc", "Cases", ["DepartmentId", "AnsweredAtUtc"]);
        // Conversions to an in-person visit in a period (and after a moment, for the backlog): a small range
        // instead of a scan of every transition.
        migrationBuilder.CreateIndex("IX_CaseTransitions_To_AtUtc", "CaseTransitions", ["To", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_CaseTransitions_To_AtUtc", "CaseTransitions");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_AnsweredAtUtc", "Cases");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_FirstResponseAtUtc", "Cases");
        migrationBuilder.DropIndex("IX_Cases_DepartmentId_SubmittedAtUtc", "Cases");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TeleDerm.Core.Reports;

/// <summary>
/// Refuses, inside the application, any update or delete of a signed report: a correction is an addendum.
/// (The stored hash and the PDF's own signature detect changes made around the application.)
/// </summary>
public sealed class ImmutableSignedReportGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        var changed = context?.ChangeTracker.Entries<SignedReport>()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException(
                $"A signed report is never changed: report {changed.Entity.ReportNumber} cannot be {(changed.State == EntityState.Deleted ? "deleted" : "changed")}; write an addendum.");
        }
    }
}

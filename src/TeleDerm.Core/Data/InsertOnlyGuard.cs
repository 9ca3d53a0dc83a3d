using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Reports;

namespace TeleDerm.Core.Data;

/// <summary>
/// Refuses, inside the application, any update or delete of rows that are written once: audit entries
/// (the hash chain detects changes made around the application) and signed reports (a correction is an
/// addendum; the stored hash and the PDF's own signature detect changes made around it).
/// </summary>
public sealed class InsertOnlyGuard : SaveChangesInterceptor
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
        var changed = context?.ChangeTracker.Entries()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted && e.Entity is AuditEntry or SignedReport);
        if (changed is null)
        {
            return;
        }
        var verb = changed.State == EntityState.Deleted ? "deleted" : "changed";
        throw new InvalidOperationException(changed.Entity is AuditEntry entry
            ? $"The audit trail is append-only: entry {entry.Sequence} cannot be {verb}."
            : $"A signed report is never changed: report {((SignedReport)changed.Entity).ReportNumber} cannot be {verb}; write an addendum.");
    }
}

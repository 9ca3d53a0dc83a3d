using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TeleDerm.Core.Audit;

namespace TeleDerm.Core.Data;

/// <summary>
/// Refuses, inside the application, any update or delete of an audit entry. (Someone with direct database
/// access can still change rows; the hash chain is what detects that.)
/// </summary>
public sealed class AppendOnlyAuditGuard : SaveChangesInterceptor
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
        var tampered = context?.ChangeTracker.Entries<AuditEntry>()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (tampered is not null)
        {
            throw new InvalidOperationException(
                $"The audit trail is append-only: entry {tampered.Entity.Sequence} cannot be {(tampered.State == EntityState.Deleted ? "deleted" : "changed")}.");
        }
    }
}

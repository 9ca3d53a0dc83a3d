using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Data;

/// <summary>
/// Hands out contexts of the test database; right before the first one saves, <paramref name="action"/> runs on its
/// own connection: a race between a command's read and its save, made deterministic (a background score landing,
/// a colleague acting).
/// </summary>
internal sealed class ActionBeforeFirstSave(TestDatabase database, Func<Task> action) : IDbContextFactory<TeleDermDbContext>
{
    public bool Ran { get; private set; }

    public TeleDermDbContext CreateDbContext()
    {
        var context = database.CreateDbContext();
        if (!Ran)
        {
            context.SavingChanges += (_, _) =>
            {
                if (!Ran)
                {
                    Ran = true;
                    action().GetAwaiter().GetResult();
                }
            };
        }
        return context;
    }
}

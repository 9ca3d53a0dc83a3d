using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Administration;

/// <summary>
/// Every administration command starts here: the page's policy let an administrator in, but the account may have
/// been disabled or demoted since the page opened. The database says who is an administrator now; a refusal is
/// audited, and nothing is changed.
/// </summary>
public sealed class Administrators(IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit)
{
    public async Task RequireAsync(Actor actor, string command, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (actor.IsInRole(Roles.Admin) && await actor.IsStillEntitledAsync(db, cancellationToken))
        {
            return;
        }
        await audit.RecordAsync(actor, AuditActions.AccessDenied, AuditOutcome.Denied, details: $"administration: {command}", cancellationToken: cancellationToken);
        throw new AdministrationException("NotAdministrator", "Only an administrator can do this, and your account no longer is one: sign in again.");
    }
}

using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Accounts;

/// <summary>
/// An account as the database says it is now. A session's claims say what the person could do when they
/// signed in; commands ask this instead, so that an administrator disabling, demoting or moving someone (or
/// disabling their practice) takes effect at their next click, not at their next sign-in.
/// </summary>
public sealed record AccountStanding(bool IsDisabled, bool PracticeDisabled, IReadOnlyList<string> RoleNames, Guid? DepartmentId, Guid? PracticeId, string? SecurityStamp)
{
    /// <summary>Enabled, and not a GP of a disabled practice.</summary>
    public bool IsActive => !IsDisabled && !PracticeDisabled;

    /// <summary>The account's current state, or null when it no longer exists.</summary>
    public static async Task<AccountStanding?> ReadAsync(TeleDermDbContext db, string userId, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(userId) ? null : (await ReadManyAsync(db, [userId], cancellationToken)).GetValueOrDefault(userId);

    /// <summary>
    /// The current state of several accounts in two queries, whatever their number (the periodic re-check of every open
    /// page of an instance reads them together); accounts that no longer exist are missing from the answer.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, AccountStanding>> ReadManyAsync(TeleDermDbContext db, IReadOnlyCollection<string> userIds,
        CancellationToken cancellationToken = default)
    {
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.IsDisabled, u.DepartmentId, u.PracticeId, u.SecurityStamp, PracticeDisabled = u.Practice != null && u.Practice.DisabledAtUtc != null })
            .ToListAsync(cancellationToken);
        if (users.Count == 0)
        {
            return new Dictionary<string, AccountStanding>();
        }
        var roles = (await (from link in db.UserRoles
                            join role in db.Roles on link.RoleId equals role.Id
                            where userIds.Contains(link.UserId)
                            select new { link.UserId, Name = role.Name! }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name);
        return users.ToDictionary(u => u.Id,
            u => new AccountStanding(u.IsDisabled, u.PracticeDisabled, [.. roles[u.Id]], u.DepartmentId, u.PracticeId, u.SecurityStamp));
    }

    /// <summary>True when the account is active and still holds <paramref name="role"/> in <paramref name="departmentId"/>
    /// (the role and department a session claims).</summary>
    public bool Permits(string role, Guid? departmentId) =>
        IsActive && RoleNames.Contains(role) && (!Roles.BelongsToDepartment(role) || DepartmentId == departmentId);
}

public static class ActorStanding
{
    /// <summary>Whether the person behind a command still has the role and department it was issued with.</summary>
    public static async Task<bool> IsStillEntitledAsync(this Actor actor, TeleDermDbContext db, CancellationToken cancellationToken = default) =>
        (await AccountStanding.ReadAsync(db, actor.UserId, cancellationToken))?.Permits(actor.Role, actor.DepartmentId) == true;

    /// <summary>What a refused command says when the account was disabled or its rights changed since sign-in.</summary>
    public const string RightsChanged = "Your account was disabled or its rights changed: sign in again.";
}

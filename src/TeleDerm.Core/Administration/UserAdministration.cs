using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;

namespace TeleDerm.Core.Administration;

public sealed record UserRow(string Id, string DisplayName, string Email, string Role, string? Organisation,
    bool TwoFactorEnabled, bool IsDisabled, bool IsLockedOut);

public sealed record InviteRequest(string Email, string DisplayName, string Role, Guid? OrganisationId);

/// <summary>An account waiting for its person: the web host turns it into the link they open to choose a password.</summary>
public sealed record Invitation(string UserId, string PasswordResetToken);

/// <summary>The administrator's operations on accounts. Each one is audited; each one that weakens a
/// session (disable, two-factor reset, role change) renews the security stamp so open sessions end. Each one first
/// checks that <paramref name="admin"/> is still an administrator (<see cref="Administrators"/>).</summary>
public sealed class UserAdministration(UserManager<TeleDermUser> users, Administrators administrators, IAuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(Actor admin)
    {
        await administrators.RequireAsync(admin, "list users");
        var all = await users.Users.AsNoTracking().Include(u => u.Department).Include(u => u.Practice).OrderBy(u => u.DisplayName).ToListAsync();
        var rows = new List<UserRow>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            rows.Add(new UserRow(user.Id, user.DisplayName, user.Email ?? "", role,
                user.Department?.Name ?? user.Practice?.Name, user.TwoFactorEnabled, user.IsDisabled,
                user.LockoutEnd is { } end && end > clock.GetUtcNow()));
        }
        return rows;
    }

    /// <summary>Creates the account without a password and returns what the person needs to choose one.</summary>
    public async Task<Invitation> InviteAsync(Actor admin, InviteRequest request)
    {
        await administrators.RequireAsync(admin, "invite a user");
        if (!Roles.All.Contains(request.Role))
        {
            throw new AdministrationException("UnknownRole", $"Unknown role '{request.Role}'.", request.Role);
        }
        if ((Roles.BelongsToDepartment(request.Role) || Roles.BelongsToPractice(request.Role)) && request.OrganisationId is null)
        {
            throw Roles.BelongsToPractice(request.Role)
                ? new AdministrationException("GpNeedsPractice", "A GP must belong to a practice.")
                : new AdministrationException("ClinicianNeedsDepartment", "A dermatologist or department head must belong to a department.");
        }
        var user = new TeleDermUser
        {
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            DisplayName = request.DisplayName.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            DepartmentId = Roles.BelongsToDepartment(request.Role) ? request.OrganisationId : null,
            PracticeId = Roles.BelongsToPractice(request.Role) ? request.OrganisationId : null,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, request.Role));
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await audit.RecordAsync(admin, AuditActions.UserInvited, recordType: "user", recordId: user.Id, details: $"{user.Email} as {request.Role}");
        return new Invitation(user.Id, token);
    }

    public async Task SetDisabledAsync(Actor admin, string userId, bool disabled)
    {
        await administrators.RequireAsync(admin, disabled ? "disable a user" : "enable a user");
        var user = await FindOtherUserAsync(admin, userId, disabled ? OwnAccountChange.Disable : OwnAccountChange.Enable);
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(admin, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, recordType: "user", recordId: user.Id, details: user.Email);
    }

    public async Task ResetTwoFactorAsync(Actor admin, string userId)
    {
        await administrators.RequireAsync(admin, "reset two-factor");
        var user = await FindUserAsync(userId);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await audit.RecordAsync(admin, AuditActions.TwoFactorReset, recordType: "user", recordId: user.Id, details: $"{user.Email}: must enrol again at next sign-in");
    }

    public async Task ChangeRoleAsync(Actor admin, string userId, string role, Guid? organisationId)
    {
        await administrators.RequireAsync(admin, "change a role");
        var user = await FindOtherUserAsync(admin, userId, OwnAccountChange.Role);
        if (!Roles.All.Contains(role))
        {
            throw new AdministrationException("UnknownRole", $"Unknown role '{role}'.", role);
        }
        var previous = (await users.GetRolesAsync(user)).ToList();
        Check(await users.RemoveFromRolesAsync(user, previous));
        Check(await users.AddToRoleAsync(user, role));
        user.DepartmentId = Roles.BelongsToDepartment(role) ? organisationId ?? user.DepartmentId : null;
        user.PracticeId = Roles.BelongsToPractice(role) ? organisationId ?? user.PracticeId : null;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(admin, AuditActions.RoleChanged, recordType: "user", recordId: user.Id,
            details: $"{user.Email}: {string.Join(",", previous)} -> {role}");
    }

    private async Task<TeleDermUser> FindUserAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new AdministrationException("AccountGone", "This account no longer exists.");

    /// <summary>An administrator cannot disable or demote themselves, so the last admin cannot lock everyone out.</summary>
    private async Task<TeleDermUser> FindOtherUserAsync(Actor admin, string userId, OwnAccountChange change)
    {
        if (userId == admin.UserId)
        {
            var verb = change switch { OwnAccountChange.Disable => "disable", OwnAccountChange.Enable => "enable", _ => "change the role of" };
            throw new AdministrationException($"OwnAccount{change}", $"You cannot {verb} your own account; ask another administrator.");
        }
        return await FindUserAsync(userId);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // Identity's own descriptions are English only; the codes it uses name our texts "AdminError.Identity.{code}".
            var first = result.Errors.First();
            throw new AdministrationException($"Identity.{first.Code}", string.Join(" ", result.Errors.Select(e => e.Description)), first.Description);
        }
    }
}

internal enum OwnAccountChange { Disable, Enable, Role }

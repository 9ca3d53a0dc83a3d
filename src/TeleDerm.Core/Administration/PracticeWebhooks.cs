using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Core.Administration;

public sealed record PracticeWebhookRow(Guid PracticeId, string PracticeName, string Url, DateTime CreatedAtUtc, DateTime? LastSuccessAtUtc,
    DateTime? LastFailureAtUtc, string? LastError);

/// <summary>
/// The practices' webhooks, set and removed by administrators. Setting one (or setting it again) makes a new secret,
/// returned once for the administrator to give to the practice; the previous secret stops at once. Each command first
/// checks that <c>admin</c> is still an administrator, and is audited.
/// </summary>
public sealed class PracticeWebhooks(IDbContextFactory<TeleDermDbContext> dbFactory, Administrators administrators, IAuditTrail audit,
    WebhookSecrets secrets, PracticeWebhookRules rules, TimeProvider clock)
{
    /// <returns>The new signing secret, in clear: shown once, never again.</returns>
    public async Task<string> SetAsync(Actor admin, Guid practiceId, string? url)
    {
        await administrators.RequireAsync(admin, "set a practice's webhook");
        var (checkedUrl, refusal) = rules.Check(url);
        if (refusal is not null)
        {
            throw new AdministrationException(refusal, refusal == "WebhookHttps"
                ? "The address must start with https:// (the calls tell of what a GP waits for)."
                : "Give the full address of the practice's receiver, e.g. https://cabinet.example/telederm (no password in it).");
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Practices.AnyAsync(p => p.Id == practiceId))
        {
            throw new AdministrationException("PracticeGone", "This practice no longer exists.");
        }
        var secret = WebhookSecrets.New();
        var webhook = await db.Set<PracticeWebhook>().SingleOrDefaultAsync(w => w.PracticeId == practiceId);
        if (webhook is null)
        {
            webhook = new PracticeWebhook { PracticeId = practiceId };
            db.Add(webhook);
        }
        webhook.Url = checkedUrl!.AbsoluteUri;
        webhook.ProtectedSecret = secrets.Protect(secret);
        webhook.CreatedAtUtc = clock.GetUtcNow().UtcDateTime;
        webhook.CreatedByUserId = admin.UserId;
        (webhook.LastSuccessAtUtc, webhook.LastFailureAtUtc, webhook.LastError) = (null, null, null);
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, AuditActions.WebhookSet, recordType: "practice", recordId: practiceId.ToString(), details: webhook.Url);
        return secret;
    }

    public async Task<bool> RemoveAsync(Actor admin, Guid practiceId)
    {
        await administrators.RequireAsync(admin, "remove a practice's webhook");
        await using var db = await dbFactory.CreateDbContextAsync();
        var removed = await db.Set<PracticeWebhook>().Where(w => w.PracticeId == practiceId).ExecuteDeleteAsync() == 1;
        if (removed)
        {
            await audit.RecordAsync(admin, AuditActions.WebhookRemoved, recordType: "practice", recordId: practiceId.ToString());
        }
        return removed;
    }

    public async Task<List<PracticeWebhookRow>> ListAsync(Actor admin)
    {
        await administrators.RequireAsync(admin, "list the practices' webhooks");
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Set<PracticeWebhook>()
            .Join(db.Practices, w => w.PracticeId, p => p.Id, (w, p) => new PracticeWebhookRow(w.PracticeId, p.Name, w.Url, w.CreatedAtUtc,
                w.LastSuccessAtUtc, w.LastFailureAtUtc, w.LastError))
            .ToListAsync();
        return [.. rows.OrderBy(r => r.PracticeName)];
    }
}

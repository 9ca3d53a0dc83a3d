using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Errors;

namespace TeleDerm.Core.Scoring;

/// <summary>
/// The administrator's choices about the risk model: which one scores, a new one installed, every image scored
/// again. Each checks that the actor is still an administrator, and each outcome (refusals included) is audited.
/// </summary>
public sealed class RiskModelAdministration(Administrators administrators, IRiskModelCatalogue models, ScoringQueue queue, ScoringWorker worker, IAuditTrail audit)
{
    /// <summary>Null when done; otherwise why the model was not activated (the one in use stays).</summary>
    public async Task<Refusal?> ActivateAsync(Actor admin, string fileName, CancellationToken cancellationToken = default)
    {
        await administrators.RequireAsync(admin, "activate a risk model", cancellationToken);
        return await AuditedAsync(admin, AuditActions.RiskModelActivated, fileName, () => models.ActivateAsync(fileName, admin.UserId, cancellationToken),
            reason => new Refusal("RiskModelError.NotActivated", $"This model cannot be used: {reason}", reason), cancellationToken);
    }

    /// <summary>Null when installed; otherwise why not (nothing was installed).</summary>
    public async Task<Refusal?> AddAsync(Actor admin, string fileName, byte[] model, byte[] card, CancellationToken cancellationToken = default)
    {
        await administrators.RequireAsync(admin, "add a risk model", cancellationToken);
        return await AuditedAsync(admin, AuditActions.RiskModelAdded, fileName, () => models.AddAsync(fileName, model, card),
            reason => new Refusal("RiskModelError.NotAdded", $"This model was not installed: {reason}", reason), cancellationToken);
    }

    /// <summary>Runs a change of the catalogue and audits it as <paramref name="action"/>: the model it names, or why it was refused.</summary>
    private async Task<Refusal?> AuditedAsync(Actor admin, string action, string fileName, Func<Task<string>> change, Func<string, Refusal> refusal,
        CancellationToken cancellationToken)
    {
        try
        {
            var model = await change();
            await audit.RecordAsync(admin, action, details: $"{model} ({fileName})", cancellationToken: cancellationToken);
            return null;
        }
        catch (RiskModelRefusedException refused)
        {
            await audit.RecordAsync(admin, action, AuditOutcome.Failure, details: $"{fileName}: {refused.Message}", cancellationToken: cancellationToken);
            return refusal(refused.Message);
        }
    }

    /// <summary>Queues every image to be scored again with <paramref name="activeModel"/>; returns how many.</summary>
    public async Task<int> RescoreAllAsync(Actor admin, string activeModel, CancellationToken cancellationToken = default)
    {
        await administrators.RequireAsync(admin, "score every image again", cancellationToken);
        var count = await queue.RequeueAllAsync();
        await audit.RecordAsync(admin, AuditActions.RescoringStarted, details: $"{count} images with {activeModel}", cancellationToken: cancellationToken);
        worker.Wake();
        return count;
    }
}

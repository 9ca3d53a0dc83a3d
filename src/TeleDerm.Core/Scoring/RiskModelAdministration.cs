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
        try
        {
            var model = await models.ActivateAsync(fileName, admin.UserId, cancellationToken);
            await audit.RecordAsync(admin, AuditActions.RiskModelActivated, details: $"{model} ({fileName})", cancellationToken: cancellationToken);
            return null;
        }
        catch (RiskModelRefusedException refused)
        {
            await audit.RecordAsync(admin, AuditActions.RiskModelActivated, AuditOutcome.Failure, details: $"{fileName}: {refused.Message}", cancellationToken: cancellationToken);
            return new Refusal("RiskModelError.NotActivated", $"This model cannot be used: {refused.Message}", refused.Message);
        }
    }

    /// <summary>Null when installed; otherwise why not (nothing was installed).</summary>
    public async Task<Refusal?> AddAsync(Actor admin, string fileName, byte[] model, byte[] card, CancellationToken cancellationToken = default)
    {
        await administrators.RequireAsync(admin, "add a risk model", cancellationToken);
        try
        {
            var added = models.Add(fileName, model, card);
            await audit.RecordAsync(admin, AuditActions.RiskModelAdded, details: $"{added} ({fileName})", cancellationToken: cancellationToken);
            return null;
        }
        catch (RiskModelRefusedException refused)
        {
            await audit.RecordAsync(admin, AuditActions.RiskModelAdded, AuditOutcome.Failure, details: $"{fileName}: {refused.Message}", cancellationToken: cancellationToken);
            return new Refusal("RiskModelError.NotAdded", $"This model was not installed: {refused.Message}", refused.Message);
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

using Microsoft.AspNetCore.Identity;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Errors;

namespace TeleDerm.Core.Answers;

/// <summary>
/// Signing on behalf of the person at the keyboard: asks again for their password or a TOTP code (a
/// session left open is not a signature), audits a refused confirmation, then answers and signs.
/// </summary>
public sealed class ReportSigningService(
    UserManager<TeleDermUser> users,
    AnswerCommands answers,
    IReportSigner signer,
    IAuditTrail audit)
{
    public Task<AnswerResult> AnswerAndSignAsync(Actor actor, Guid caseId, AnswerDraft draft, string passwordOrCode, CancellationToken cancellationToken = default) =>
        ConfirmThenAsync(actor, caseId, draft, passwordOrCode, () => answers.AnswerAndSignAsync(caseId, actor, draft, signer, cancellationToken));

    /// <summary>A correction of the signed report: a new signed report linked to the latest one.</summary>
    public Task<AnswerResult> AddendumAsync(Actor actor, Guid caseId, AnswerDraft draft, string passwordOrCode, CancellationToken cancellationToken = default) =>
        ConfirmThenAsync(actor, caseId, draft, passwordOrCode, () => answers.AddendumAsync(caseId, actor, draft, signer, cancellationToken));

    private static readonly Refusal NotConfirmed = new("Reports.Error.Confirmation", "Your password or code was not accepted; nothing was signed.");
    private static readonly Refusal LockedOut = new("Reports.Error.LockedOut", "Too many wrong passwords or codes: signing is locked for a while. Nothing was signed.");

    private async Task<AnswerResult> ConfirmThenAsync(Actor actor, Guid caseId, AnswerDraft draft, string passwordOrCode, Func<Task<AnswerResult>> sign)
    {
        // Field errors first: no point asking for the password of an answer that cannot be signed.
        var errors = AnswerValidation.Validate(draft);
        if (errors.Count > 0)
            return AnswerResult.Invalid(errors);
        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null || user.IsDisabled)
        {
            await audit.RecordAsync(actor, AuditActions.SignConfirmation, AuditOutcome.Denied, "case", caseId.ToString(), "account disabled or removed");
            return AnswerResult.Refused(NotConfirmed);
        }
        // Failed confirmations count toward the same lockout as sign-in: a session left open must not become
        // a way to guess the password or the authenticator code.
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(actor, AuditActions.SignConfirmation, AuditOutcome.Denied, "case", caseId.ToString(), "account locked out");
            return AnswerResult.Refused(LockedOut);
        }
        if (!await ConfirmAsync(user, passwordOrCode.Trim()))
        {
            await users.AccessFailedAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            await audit.RecordAsync(actor, AuditActions.SignConfirmation, AuditOutcome.Failure, "case", caseId.ToString(),
                locked ? "password or code not accepted; account now locked out" : "password or code not accepted");
            return AnswerResult.Refused(locked ? LockedOut : NotConfirmed);
        }
        await users.ResetAccessFailedCountAsync(user);
        return await sign();
    }

    /// <summary>Six digits are a TOTP code (each accepted once); anything else is the password.</summary>
    private async Task<bool> ConfirmAsync(TeleDermUser user, string secret)
    {
        if (secret.Length == 0)
            return false;
        if (secret.Length == 6 && secret.All(char.IsAsciiDigit) && await users.GetTwoFactorEnabledAsync(user))
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, secret);
        return await users.CheckPasswordAsync(user, secret);
    }
}

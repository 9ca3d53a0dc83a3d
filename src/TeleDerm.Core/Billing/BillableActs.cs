using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Billing;

/// <summary>
/// Writes the acts of a request into the context of the change that ends it (saved with it or not at all): two acts when
/// the report is signed (the dermatologist's, and the GP's where the payer pays the requester), each not billable past
/// the yearly limit for the patient; one not billable act when the request is cancelled or converted to a consultation.
/// </summary>
public static class BillableActs
{
    public static async Task RecordAnsweredAsync(TeleDermDbContext db, TeleExpertiseCase @case, string dermatologistId, DateTime nowUtc, BillingOptions tariff,
        CancellationToken cancellationToken = default)
    {
        if (await db.Set<BillableAct>().AnyAsync(a => a.CaseId == @case.Id, cancellationToken))
        {
            return;
        }
        await AddAsync(db, @case, ActRole.Requested, dermatologistId, tariff.Requested, tariff, nowUtc, null, cancellationToken);
        if (tariff.PayRequester)
        {
            await AddAsync(db, @case, ActRole.Requesting, @case.SubmittedByUserId, tariff.Requesting, tariff, nowUtc, null, cancellationToken);
        }
    }

    /// <summary>A request ended unanswered: the dermatologist's act, with the reason it is not billed.</summary>
    public static async Task RecordUnansweredAsync(TeleDermDbContext db, TeleExpertiseCase @case, string reason, DateTime nowUtc, BillingOptions tariff,
        CancellationToken cancellationToken = default)
    {
        if (!await db.Set<BillableAct>().AnyAsync(a => a.CaseId == @case.Id, cancellationToken))
        {
            await AddAsync(db, @case, ActRole.Requested, @case.AssignedDermatologistId, tariff.Requested, tariff, nowUtc, reason, cancellationToken);
        }
    }

    private static async Task AddAsync(TeleDermDbContext db, TeleExpertiseCase @case, ActRole role, string? practitionerId, ActTariff act, BillingOptions tariff,
        DateTime nowUtc, string? reason, CancellationToken cancellationToken)
    {
        if (reason is null && act.YearlyLimitPerPatient > 0)
        {
            var yearStart = new DateTime(nowUtc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var billedThisYear = await db.Set<BillableAct>().CountAsync(a => a.PatientId == @case.PatientId && a.PractitionerUserId == practitionerId
                && a.Role == role && a.NotBillableReason == null && a.AtUtc >= yearStart, cancellationToken);
            if (billedThisYear >= act.YearlyLimitPerPatient)
            {
                reason = NotBillable.OverYearlyLimit;
            }
        }
        db.Add(new BillableAct
        {
            Id = Guid.NewGuid(), CaseId = @case.Id, PatientId = @case.PatientId, DepartmentId = @case.DepartmentId, PractitionerUserId = practitionerId,
            Role = role, Code = act.Code, AmountCents = reason is null ? (long)Math.Round(act.Amount * 100m) : 0, Currency = tariff.Currency, AtUtc = nowUtc,
            NotBillableReason = reason,
        });
    }
}

using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Fhir.Resources;
using TeleDerm.Fhir.Search;
using CasePatient = TeleDerm.Core.Cases.Patient;

namespace TeleDerm.Fhir;

/// <summary>A resource for the practice, and the patient it is about (for the audit trail).</summary>
/// <param name="DamagedReportNumber">Set when the resource carries a signed report whose stored bytes no longer match their
/// recorded hash: it must not be served as signed.</param>
public sealed record FhirRecord<T>(T Resource, Guid PatientId, string? DamagedReportNumber = null) where T : Resource;

/// <summary>
/// The FHIR resources a practice may read: only those of its own requests (drafts excluded). Another practice's
/// record and an unknown id are the same "not found", so nothing is guessable.
/// </summary>
public sealed class PracticeFhirRecords(IDbContextFactory<TeleDermDbContext> dbFactory, IOptions<FhirOptions> options)
{
    /// <summary>The idempotency key a FHIR request's identifier is remembered under (beside the REST API's Idempotency-Keys).</summary>
    public static string SubmissionKey(string identifier) => "fhir:" + identifier;

    public async Task<FhirRecord<Hl7.Fhir.Model.Patient>?> PatientAsync(Guid practiceId, Guid patientId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Set<CasePatient>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId && p.PracticeId == practiceId, cancellationToken);
        return patient is null ? null : new(FhirResources.Patient(patient, options.Value.NationalHealthIdSystem), patient.Id);
    }

    public async Task<FhirRecord<ServiceRequest>?> ServiceRequestAsync(Guid practiceId, Guid caseId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = await ServiceRequestsAsync(db, OwnCases(db, practiceId).Where(c => c.Id == caseId), cancellationToken);
        return cases.SingleOrDefault();
    }

    /// <summary>A page of the practice's requests, in the order they were submitted, and how many match in all.</summary>
    public async Task<(IReadOnlyList<FhirRecord<ServiceRequest>> Page, int Total)> SearchAsync(Guid practiceId, ServiceRequestSearch search,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = OwnCases(db, practiceId);
        if (search.PatientId is { } patientId)
            query = query.Where(c => c.PatientId == patientId);
        if (search.Identifier is { } identifier)
        {
            var key = SubmissionKey(identifier);
            query = query.Where(c => db.Set<IdempotentSubmission>().Any(s => s.PracticeId == practiceId && s.Key == key && s.CaseId == c.Id));
        }
        if (search.After is { } after)
            query = query.Where(c => c.LastActivityAtUtc >= after);
        if (search.Before is { } before)
            query = query.Where(c => c.LastActivityAtUtc < before);
        var total = await query.CountAsync(cancellationToken);
        // Pages follow the order of submission, which never changes: a request changed (scored, answered) between two
        // pages moves in no list. The page's ids first, then their records, in that order.
        var ids = await query.OrderBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id).Skip(search.Offset).Take(search.Count).Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var records = await ServiceRequestsAsync(db, OwnCases(db, practiceId).Where(c => ids.Contains(c.Id)), cancellationToken);
        return ([.. records.OrderBy(r => ids.IndexOf(Guid.Parse(r.Resource.Id!)))], total);
    }

    public async Task<FhirRecord<DiagnosticReport>?> DiagnosticReportAsync(Guid practiceId, Guid reportId, Func<Guid, Guid, string> pdfUrl,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var caseId = await db.Set<SignedReport>().Where(r => r.Id == reportId).Select(r => (Guid?)r.CaseId).SingleOrDefaultAsync(cancellationToken);
        return caseId is null ? null : (await DiagnosticReportsAsync(db, practiceId, caseId.Value, pdfUrl, cancellationToken))?.SingleOrDefault(r => r.Resource.Id == reportId.ToString());
    }

    /// <summary>The request's signed report and addenda, oldest first; null when the practice has no such request.</summary>
    public async Task<IReadOnlyList<FhirRecord<DiagnosticReport>>?> DiagnosticReportsAsync(Guid practiceId, Guid caseId, Func<Guid, Guid, string> pdfUrl,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DiagnosticReportsAsync(db, practiceId, caseId, pdfUrl, cancellationToken);
    }

    public async Task<FhirRecord<Communication>?> CommunicationAsync(Guid practiceId, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var caseId = await db.Set<CaseMessage>().Where(m => m.Id == messageId).Select(m => (Guid?)m.CaseId).SingleOrDefaultAsync(cancellationToken);
        return caseId is null ? null : (await CommunicationsAsync(db, practiceId, caseId.Value, cancellationToken))?.SingleOrDefault(c => c.Resource.Id == messageId.ToString());
    }

    /// <summary>The request's questions and replies, oldest first; null when the practice has no such request.</summary>
    public async Task<IReadOnlyList<FhirRecord<Communication>>?> CommunicationsAsync(Guid practiceId, Guid caseId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CommunicationsAsync(db, practiceId, caseId, cancellationToken);
    }

    private static IQueryable<TeleExpertiseCase> OwnCases(TeleDermDbContext db, Guid practiceId) =>
        db.Set<TeleExpertiseCase>().AsNoTracking().Where(c => c.PracticeId == practiceId && c.Status != CaseStatus.Draft);

    private static async Task<IReadOnlyList<FhirRecord<ServiceRequest>>> ServiceRequestsAsync(TeleDermDbContext db, IQueryable<TeleExpertiseCase> query,
        CancellationToken cancellationToken)
    {
        var cases = await query.Include(c => c.Lesions).ThenInclude(l => l.Lesion).AsSplitQuery().ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var keys = await db.Set<IdempotentSubmission>().AsNoTracking().Where(s => s.CaseId != null && ids.Contains(s.CaseId.Value) && s.Key.StartsWith("fhir:"))
            .ToDictionaryAsync(s => s.CaseId!.Value, s => s.Key["fhir:".Length..], cancellationToken);
        var users = await UsersAsync(db, cases.Select(c => c.SubmittedByUserId), cancellationToken);
        var departments = await DepartmentsAsync(db, cancellationToken);
        return [.. cases.Select(c => new FhirRecord<ServiceRequest>(
            FhirResources.ServiceRequest(c, keys.GetValueOrDefault(c.Id), users.GetValueOrDefault(c.SubmittedByUserId), departments.GetValueOrDefault(c.DepartmentId, "")),
            c.PatientId))];
    }

    private static async Task<IReadOnlyList<FhirRecord<DiagnosticReport>>?> DiagnosticReportsAsync(TeleDermDbContext db, Guid practiceId, Guid caseId,
        Func<Guid, Guid, string> pdfUrl, CancellationToken cancellationToken)
    {
        var @case = await OwnCases(db, practiceId).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return null;
        var reports = await db.Set<SignedReport>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.SignedAtUtc).ToListAsync(cancellationToken);
        var answer = await db.Set<CaseAnswer>().AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == caseId, cancellationToken);
        var users = await UsersAsync(db, reports.Select(r => r.SignedByUserId), cancellationToken);
        var department = (await DepartmentsAsync(db, cancellationToken)).GetValueOrDefault(@case.DepartmentId, "");
        return [.. reports.Select((r, i) => new FhirRecord<DiagnosticReport>(
            FhirResources.DiagnosticReport(r, @case, i == reports.Count - 1 ? answer : null, users.GetValueOrDefault(r.SignedByUserId), department, pdfUrl(caseId, r.Id)),
            @case.PatientId, r.MatchesRecordedHash() ? null : r.ReportNumber))];
    }

    private static async Task<IReadOnlyList<FhirRecord<Communication>>?> CommunicationsAsync(TeleDermDbContext db, Guid practiceId, Guid caseId,
        CancellationToken cancellationToken)
    {
        var @case = await OwnCases(db, practiceId).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return null;
        // Notes, opinions and hand-overs are the department's own; the practice sees what was said to or by its GP.
        var messages = await db.Set<CaseMessage>().AsNoTracking().SharedWithGp().Where(m => m.CaseId == caseId).OrderBy(m => m.AtUtc)
            .ToListAsync(cancellationToken);
        var users = await UsersAsync(db, messages.Select(m => m.AuthorUserId).Append(@case.SubmittedByUserId), cancellationToken);
        return [.. messages.Select(m => new FhirRecord<Communication>(
            FhirResources.Communication(m, @case, users.GetValueOrDefault(m.AuthorUserId), users.GetValueOrDefault(@case.SubmittedByUserId)), @case.PatientId))];
    }

    private static async Task<Dictionary<string, TeleDermUser>> UsersAsync(TeleDermDbContext db, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => distinct.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }

    private static Task<Dictionary<Guid, string>> DepartmentsAsync(TeleDermDbContext db, CancellationToken cancellationToken) =>
        db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
}

/// <summary>TeleDerm:Fhir settings.</summary>
public sealed class FhirOptions
{
    public const string Section = "TeleDerm:Fhir";

    /// <summary>The Patient.identifier system read and written as the national health identifier (default: France's INS-NIR OID).</summary>
    public string NationalHealthIdSystem { get; set; } = "urn:oid:1.2.250.1.213.1.4.8";

    /// <summary>
    /// The largest transaction Bundle read (its photos in base64 count 4/3 of their size): a Bundle is held in memory
    /// while read, so it is smaller than the REST API's multipart limit, which streams to disk.
    /// </summary>
    public long MaxBundleBytes { get; set; } = 100L * 1024 * 1024;
}

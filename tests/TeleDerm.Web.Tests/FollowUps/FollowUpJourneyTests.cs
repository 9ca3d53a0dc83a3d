using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.FollowUps;
using TeleDerm.Fhir;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Reports;
using TeleDerm.Web.Tests.Fhir;
using TeleDerm.Web.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace TeleDerm.Web.Tests.FollowUps;

/// <summary>
/// What a signed answer asks of the GP, through the app: a follow-up upcoming then due on <i>My requests</i> as the clock
/// moves, its pre-filled request, the photos that complete it; an excision's referral letter; nothing of it for another
/// practice's GP.
/// </summary>
public sealed partial class FollowUpJourneyTests : IDisposable
{
    private readonly AdjustableClock clock = new();
    private readonly TeleDermAppFactory app;

    public FollowUpJourneyTests() => app = new TeleDermAppFactory(clock: clock);

    public void Dispose() => app.Dispose();

    [GeneratedRegex("data-testid=\"gp-task-state-(?<reference>[^\"]+)\"[^>]*>(?<state>[^<]+)<")]
    private static partial Regex TaskState();

    private static Dictionary<string, string> StatesOn(string page) =>
        TaskState().Matches(page).ToDictionary(m => m.Groups["reference"].Value, m => m.Groups["state"].Value.Trim());

    private HttpClient Client(string apiKey)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A request sent by the practice's software, claimed and answered with <paramref name="management"/>; its case and the GP's task.</summary>
    private async Task<(Guid CaseId, string Reference, string LesionId, Guid TaskId)> AnsweredAsync(HttpClient client, string apiKey, TestAccount gp,
        string identifier, Management management, int? months)
    {
        var sent = await FhirBundles.ReadAsync<Bundle>(await client.SendAsync(FhirBundles.Post(apiKey, FhirBundles.Request(gp.Email, identifier))));
        var location = sent.Entry[1].Response!.Location!;
        var request = await FhirBundles.ReadAsync<ServiceRequest>(await client.GetAsync($"/fhir/{location}"));
        var caseId = Guid.Parse(location["ServiceRequest/".Length..]);
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleAsync(c => c.Id == caseId);
        var dermatologist = new Actor(account.Id, account.Email, Roles.Dermatologist, @case.DepartmentId, null, null);
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(caseId, dermatologist)).Succeeded);
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(caseId, dermatologist,
            new AnswerDraft("D22.5", "Atypical naevus", DiagnosticConfidence.Moderate, management, months, "Please see the report.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);
        var task = await db.Set<GpTask>().AsNoTracking().SingleAsync(t => t.CaseId == caseId);
        return (caseId, @case.Reference, request.BodySite.Single().Coding.Single(c => c.System == FhirSystems.Lesion).Code!, task.Id);
    }

    private async Task<FormSession> SignedInAsync(TestAccount account)
    {
        var session = app.CreateSession();
        await session.SignInAsync(account, clock);
        return session;
    }

    [Fact]
    public async Task A_follow_up_in_three_months_is_upcoming_then_due_starts_a_pre_filled_request_and_its_photos_complete_it()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var client = Client(apiKey);
        var (caseId, reference, lesionId, taskId) = await AnsweredAsync(client, apiKey, gp, "FU-1", Management.PhotoFollowUp, 3);

        var (_, today) = await (await SignedInAsync(gp)).GetAsync("/my-cases");
        Assert.Equal("upcoming", StatesOn(today)[reference]);
        Assert.Equal(0, await app.Services.GetRequiredService<FollowUpReminders>().EnqueueDueAsync());

        // Three months and a few days later: due on the list, and the GP told once.
        clock.Advance(TimeSpan.FromDays(95));
        Assert.Equal(1, await app.Services.GetRequiredService<FollowUpReminders>().EnqueueDueAsync());
        var session = await SignedInAsync(gp);
        Assert.Equal("due", StatesOn((await session.GetAsync("/my-cases")).Body)[reference]);
        // The e-mail's link leads to the case page, which offers the same step.
        var (_, casePage) = await session.GetAsync($"/cases/{caseId}");
        Assert.Contains("data-testid=\"case-gp-task-send\"", casePage, StringComparison.Ordinal);

        // The request starts from the same patient and lesion.
        var (_, form) = await session.GetAsync($"/requests/new?followUp={taskId}");
        Assert.Contains("data-testid=\"follow-up-of\"", form, StringComparison.Ordinal);
        Assert.Contains(reference, form, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"follow-up-lesion-1\"", form, StringComparison.Ordinal);
        Assert.Contains("Lefort", form, StringComparison.Ordinal);

        // Another practice's GP, given the task's id, gets the ordinary empty form and nothing of the patient.
        var (stranger, _) = await FhirBundles.AnotherPracticesSoftwareAsync(app.Services);
        var (_, foreign) = await (await SignedInAsync(stranger)).GetAsync($"/requests/new?followUp={taskId}");
        Assert.Contains("data-testid=\"follow-up-not-found\"", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("Lefort", foreign, StringComparison.Ordinal);

        // The photos arrive (here through the practice's software; the page sends the same lesion id to the same intake).
        var followUp = FhirBundles.Request(gp.Email, "FU-2");
        followUp.Entry.RemoveAt(4);
        ((Media)followUp.Entry[3].Resource!).BodySite = new CodeableConcept(FhirSystems.Lesion, lesionId);
        var sent = await client.SendAsync(FhirBundles.Post(apiKey, followUp));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var followUpCaseId = Guid.Parse((await FhirBundles.ReadAsync<Bundle>(sent)).Entry[1].Response!.Location!["ServiceRequest/".Length..]);

        Guid department;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            var task = await db.Set<GpTask>().AsNoTracking().SingleAsync(t => t.Id == taskId);
            Assert.Equal((GpTaskStatus.Done, followUpCaseId), (task.Status, task.FollowUpCaseId));
            department = task.DepartmentId;
        }
        // The dermatologists' worklist marks the follow-up request, not a first one.
        var worklist = await app.Services.GetRequiredService<TeleDerm.Core.Cases.Worklist>().PageAsync(department, "nobody", new WorklistFilter(), new RiskBands(), 0, 50);
        Assert.True(worklist.Rows.Single(r => r.CaseId == followUpCaseId).IsFollowUp);
        Assert.DoesNotContain(worklist.Rows, r => r.CaseId != followUpCaseId && r.IsFollowUp);
        Assert.DoesNotContain(reference, StatesOn((await session.GetAsync("/my-cases")).Body).Keys);
        Assert.Contains("follow-up-not-found", (await session.GetAsync($"/requests/new?followUp={taskId}")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_excision_s_referral_letter_names_the_patient_and_the_report_for_its_practice_only()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var (_, reference, _, taskId) = await AnsweredAsync(Client(apiKey), apiKey, gp, "EX-1", Management.ExcisionOrBiopsy, null);

        var (_, letter) = await (await SignedInAsync(gp)).GetAsync($"/gp-tasks/{taskId}/referral-letter");
        Assert.Contains("data-testid=\"referral-letter\"", letter, StringComparison.Ordinal);
        Assert.Contains("LEFORT", letter, StringComparison.Ordinal);
        Assert.Contains("Atypical naevus (D22.5)", letter, StringComparison.Ordinal);
        Assert.Contains($"{reference}-R1", letter, StringComparison.Ordinal);

        var (stranger, _) = await FhirBundles.AnotherPracticesSoftwareAsync(app.Services);
        var (_, foreign) = await (await SignedInAsync(stranger)).GetAsync($"/gp-tasks/{taskId}/referral-letter");
        Assert.Contains("data-testid=\"referral-not-found\"", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("LEFORT", foreign, StringComparison.OrdinalIgnoreCase);

        await using var scope = app.Services.CreateAsyncScope();
        var audited = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().AuditEntries
            .Where(e => e.Action == AuditActions.ReferralLetterOpened && e.RecordId == taskId.ToString()).Select(e => new { e.UserId, e.Outcome }).ToListAsync();
        Assert.Contains(audited, e => e.UserId == gp.Id && e.Outcome == AuditOutcome.Success);
        Assert.Contains(audited, e => e.UserId == stranger.Id && e.Outcome == AuditOutcome.Denied);
    }
}

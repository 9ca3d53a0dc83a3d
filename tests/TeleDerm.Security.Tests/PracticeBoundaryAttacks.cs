using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Item 3 of the penetration test: a practice learns nothing of another practice's patients through intake,
/// neither whether a national identifier or a name is known there, nor anything of their lesions.
/// </summary>
public sealed class PracticeBoundaryAttacks(AttackedApp app) : IClassFixture<AttackedApp>
{
    private static readonly string Unique = Guid.NewGuid().ToString("N")[..6];

    private async Task<(HttpStatusCode Status, JsonObject? Body)> SubmitAsync(PracticeUnderTest practice, JsonObject patient, Guid? existingLesionId = null)
    {
        var response = await app.SubmitCaseAsync(practice.ApiKey, IntakeApiRequests.Json(practice.Gp.Email, patient, existingLesionId));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null);
    }

    [Fact]
    public async Task Another_practice_s_national_identifier_with_a_wrong_birth_date_is_answered_as_an_unknown_one()
    {
        var (a, b) = (await app.PracticeAsync("Practice A " + Unique + "1"), await app.PracticeAsync("Practice B " + Unique + "1"));
        var known = IntakeApiRequests.Patient("Garnier", "Paul", "1958-11-02", "1581175" + Unique);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(a, known)).Status);

        var probe = await SubmitAsync(b, IntakeApiRequests.Patient("Garnier", "Paul", "1960-01-01", "1581175" + Unique));
        var control = await SubmitAsync(b, IntakeApiRequests.Patient("Garnier", "Pierre", "1960-01-01", "2990101" + Unique));

        Assert.Equal(HttpStatusCode.Created, probe.Status);
        Assert.Equal(control.Status, probe.Status);
        Assert.DoesNotContain("birth date", probe.Body!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_practice_s_patient_names_and_birth_date_ask_for_no_confirmation()
    {
        var (a, b) = (await app.PracticeAsync("Practice A " + Unique + "2"), await app.PracticeAsync("Practice B " + Unique + "2"));
        var person = IntakeApiRequests.Patient("Lemaire" + Unique, "Odile", "1944-03-09", nationalHealthId: null);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(a, person)).Status);

        // Within practice A the same names and birth date ask the GP to confirm (409): that stays.
        Assert.Equal(HttpStatusCode.Conflict, (await SubmitAsync(a, person)).Status);
        var probe = await SubmitAsync(b, person);

        Assert.Equal(HttpStatusCode.Created, probe.Status);
    }

    [Fact]
    public async Task Another_practice_s_lesion_cannot_be_linked_and_is_refused_like_a_made_up_one()
    {
        var (a, b) = (await app.PracticeAsync("Practice A " + Unique + "3"), await app.PracticeAsync("Practice B " + Unique + "3"));
        var patient = IntakeApiRequests.Patient("Roux", "Anne", "1980-01-02", "2800175" + Unique);
        var created = await SubmitAsync(a, patient);
        var lesionOfA = Guid.Parse(created.Body!["lesions"]![0]!["id"]!.GetValue<string>());

        var probe = await SubmitAsync(b, patient, lesionOfA);
        var control = await SubmitAsync(b, patient, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, probe.Status);
        Assert.Equal(control.Status, probe.Status);
        Assert.Equal(Comparable(control.Body!), Comparable(probe.Body!));
        var answer = probe.Body!.ToJsonString();
        Assert.DoesNotContain(created.Body!["lesions"]![0]!["trackingUid"]!.GetValue<string>(), answer, StringComparison.Ordinal);
        Assert.DoesNotContain(lesionOfA.ToString(), answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_department_still_matches_the_person_across_practices_and_the_GPs_do_not()
    {
        var (a, b) = (await app.PracticeAsync("Practice A " + Unique + "4"), await app.PracticeAsync("Practice B " + Unique + "4"));
        var person = IntakeApiRequests.Patient("Faure" + Unique, "Inès", "1966-07-21", "2660775" + Unique);
        var first = Guid.Parse((await SubmitAsync(a, person)).Body!["id"]!.GetValue<string>());
        var second = Guid.Parse((await SubmitAsync(b, person)).Body!["id"]!.GetValue<string>());
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<TeleDermUser>>();
        var matcher = scope.ServiceProvider.GetRequiredService<SamePersonElsewhere>();

        var seenByDepartment = await matcher.ForAsync(Actor.FromClaims(await principals.CreateAsync((await users.FindByIdAsync(dermatologist.Id))!), null), second);
        var seenByGp = await matcher.ForAsync(Actor.FromClaims(await principals.CreateAsync((await users.FindByIdAsync(b.Gp.Id))!), null), second);

        var match = Assert.Single(seenByDepartment);
        Assert.Equal(first, match.CaseId);
        Assert.False(match.SameRecord);
        Assert.StartsWith("Practice A", match.PracticeName, StringComparison.Ordinal);
        Assert.Empty(seenByGp);
    }

    /// <summary>A problem document without its per-request trace id.</summary>
    private static string Comparable(JsonObject problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        return copy.ToJsonString();
    }
}

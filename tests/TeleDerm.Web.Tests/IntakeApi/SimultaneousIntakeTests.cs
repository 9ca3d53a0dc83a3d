using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.IntakeApi;

/// <summary>
/// Practice software sending several requests for one new patient at once, on PostgreSQL (where they really run in
/// parallel): each looks the patient up before any has saved it. One registers the patient; the others are told to
/// send again (409, Retry-After), never a server error, and sent again they are filed under that one patient.
/// </summary>
public sealed class SimultaneousIntakeTests : IDisposable
{
    private readonly TeleDermAppFactory app = new(new Dictionary<string, string?>
    {
        ["TeleDerm:Database:Provider"] = "PostgreSql",
        ["TeleDerm:Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase(),
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Requests_for_one_new_patient_sent_at_once_are_each_filed_once_under_one_patient()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var json = IntakeApiRequests.Json(gp.Email, IntakeApiRequests.Patient(familyName: "Simultané", nationalHealthId: "277051399912345")).ToJsonString();
        var keys = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString()).ToList();
        var client = app.CreateClient();
        Task<HttpResponseMessage> SendAsync(string key) => client.SendAsync(IntakeApiRequests.Submit(apiKey, key, IntakeApiRequests.Body(json)));

        var first = await Task.WhenAll(keys.Select(SendAsync));
        var raced = new List<string>();
        foreach (var (response, key) in first.Zip(keys))
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("PatientRegisteredMeanwhile", problem["code"]!.GetValue<string>());
                Assert.Equal(1, problem["retryAfterSeconds"]!.GetValue<int>());
                Assert.Equal("1", response.Headers.RetryAfter?.ToString());
                raced.Add(key);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        // Sent together, they look the patient up within milliseconds while the first still stores its photo: some race.
        Assert.NotEmpty(raced);
        foreach (var key in raced)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(key)).StatusCode); // sent again with the same key
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var patient = await db.Set<Patient>().SingleAsync(p => p.NationalHealthId == "277051399912345");
        Assert.Equal(keys.Count, await db.Set<TeleExpertiseCase>().CountAsync(c => c.PatientId == patient.Id));
    }
}

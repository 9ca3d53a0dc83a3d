using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TeleDerm.Web.Tests.Operations;

/// <summary>
/// PostgreSQL restarted while practice software sends requests: while it is down each request gets a clean 503
/// (problem details, Retry-After) quickly, never an error page or a hang; once it is back, requests work again
/// without restarting the app; and every request, retried with its Idempotency-Key, is recorded exactly once.
/// </summary>
public sealed class DatabaseRestartTests : IDisposable
{
    private readonly PostgresServer database = PostgresServer.StartPrivate();
    private readonly TeleDermAppFactory app;

    private readonly ITestOutputHelper output;

    public DatabaseRestartTests(ITestOutputHelper output)
    {
        this.output = output;
        app = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Database:Provider"] = "PostgreSql",
            // A short connect timeout, as a deployment next to its database would set: a refused request answers fast.
            ["TeleDerm:Database:ConnectionString"] = database.CreateDatabase() + ";Timeout=3",
            // Claims of attempts that died with the database may be taken over by a retry after this long.
            ["TeleDerm:Intake:AbandonedSubmissionAfter"] = "00:00:05",
        });
    }

    public void Dispose()
    {
        app.Dispose();
        database.Dispose();
    }

    private sealed record Attempt(string Key, HttpStatusCode Status, string? Code, string? RetryAfter, Guid? CaseId, TimeSpan Took);

    [Fact]
    public async Task Requests_fail_cleanly_while_the_database_restarts_and_each_is_recorded_once_when_retried()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        // Each request about another patient (the same new patient sent twice at once is another story).
        var patients = 0;
        string NextJson()
        {
            var n = Interlocked.Increment(ref patients);
            return IntakeApiRequests.Json(gp.Email, IntakeApiRequests.Patient(familyName: $"Restart{n}", nationalHealthId: $"1581175{n:D8}")).ToJsonString();
        }
        var sent = new ConcurrentDictionary<string, string>();
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);

        async Task<Attempt> SubmitAsync(string key)
        {
            var json = sent.GetOrAdd(key, _ => NextJson()); // a retry sends the same request again
            using var request = IntakeApiRequests.Submit(apiKey, key, IntakeApiRequests.Body(json));
            var started = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json",
                $"{response.StatusCode} {response.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 1500)]}");
            var body = JsonNode.Parse(text);
            return new Attempt(key, response.StatusCode, body?["code"]?.GetValue<string>(), response.Headers.RetryAfter?.ToString(),
                body?["id"] is { } id ? Guid.Parse(id.GetValue<string>()) : null, started.Elapsed);
        }

        // Three clients send requests one after the other; the database stops after 2 s and starts again 5 s later.
        var attempts = new ConcurrentBag<Attempt>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var attempt = await SubmitAsync(Guid.NewGuid().ToString());
                attempts.Add(attempt);
                if (attempt.Status == HttpStatusCode.ServiceUnavailable)
                {
                    await Task.Delay(500); // software waits before its next request (Retry-After, shortened for the test)
                }
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));
        database.StopServer();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var readyWhileDown = await client.GetAsync("/health/ready");
        await Task.Delay(TimeSpan.FromSeconds(3));
        database.StartServer();
        // Recovered without restarting the app: requests are accepted again after the restart.
        var acceptedAtRestart = attempts.Count(a => a.Status == HttpStatusCode.Created);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && attempts.Count(a => a.Status == HttpStatusCode.Created) < acceptedAtRestart + 3)
        {
            await Task.Delay(200);
        }
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        Assert.True(attempts.Count(a => a.Status == HttpStatusCode.Created) >= acceptedAtRestart + 3, "no request was accepted within 30 s of the restart");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var refused = attempts.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.Equal("DatabaseUnavailable", a.Code);
            Assert.Equal("5", a.RetryAfter);
            Assert.True(a.Took < TimeSpan.FromSeconds(15), $"a refused request took {a.Took}");
        });
        // Nothing else than accepted or "try again": no error page, no other failure.
        Assert.All(attempts, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));

        // Practice software retries every refused request with its key: each is recorded once, the accepted ones are not doubled.
        var retried = new List<Attempt>();
        foreach (var attempt in refused)
        {
            var retry = await SubmitAsync(attempt.Key);
            for (var i = 0; i < 20 && retry.Status == HttpStatusCode.Conflict && retry.Code == "IdempotencyKeyPending"; i++)
            {
                await Task.Delay(1000); // a claim left by an attempt that died waits AbandonedSubmissionAfter
                retry = await SubmitAsync(attempt.Key);
            }
            Assert.True(retry.Status == HttpStatusCode.Created, $"retry of {attempt.Key}: {retry.Status} {retry.Code}");
            retried.Add(retry);
        }
        var accepted = attempts.Where(a => a.Status == HttpStatusCode.Created).Concat(retried).ToList();
        output.WriteLine($"{attempts.Count} requests: {attempts.Count - refused.Count} accepted, {refused.Count} refused (slowest refusal "
            + $"{refused.Max(a => a.Took).TotalMilliseconds:0} ms), all {retried.Count} retries accepted");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var cases = await db.Set<TeleExpertiseCase>().Select(c => c.Id).ToListAsync();
        Assert.Equal(attempts.Select(a => a.Key).Distinct().Count(), cases.Count);
        Assert.Equal(cases.Order(), accepted.Select(a => a.CaseId!.Value).Distinct().Order());
    }
}

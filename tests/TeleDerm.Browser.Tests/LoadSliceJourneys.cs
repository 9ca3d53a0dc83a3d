using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// A slice of the load benchmark (tests/TeleDerm.Benchmarks/load/run.sh: 200 worklists, 1 request/s for 10 minutes) in
/// the suite: on PostgreSQL, ten open worklists while requests arrive every second; every row reaches every worklist,
/// no request fails and no page reports a script error; then the same with fifty worklists opened by the circuit client
/// the benchmark uses for its 200 (the server's side of an open page without a browser). Timings are the benchmark's,
/// never asserted here.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class LoadSliceJourneys : IAsyncLifetime
{
    private readonly LoopbackApp app = new(new Dictionary<string, string?>
    {
        ["TeleDerm:Database:Provider"] = "PostgreSql",
        ["TeleDerm:Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase(),
    });
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        (playwright, browser) = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Ten_open_worklists_show_every_request_sent_at_a_steady_rate_and_nothing_fails()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var load = new WorklistLoad(app.BaseAddress, app.Services);
        var pages = await load.OpenWorklistsAsync(browser, dermatologist, 10);

        var result = await load.RunIntakeAsync(pages, apiKey, gp, RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg"), TimeSpan.FromSeconds(20), 1, TimeSpan.FromSeconds(3));

        Assert.True(result.Sent == 20 && result.Created == result.Sent && result.MissedRows == 0 && result.Errors.Count == 0, result.Describe());
        Assert.Equal(20 * 10, result.RowLatenciesMs.Count);
    }

    [Fact]
    public async Task Fifty_circuit_clients_show_every_request_and_their_circuits_report_no_error()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var load = new WorklistLoad(app.BaseAddress, app.Services);
        var worklists = await load.OpenCircuitWorklistsAsync(dermatologist, 50);
        try
        {
            var result = await load.RunIntakeAsync(worklists, apiKey, gp, RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg"), TimeSpan.FromSeconds(10), 1, TimeSpan.FromSeconds(3));

            Assert.True(result.Sent == 10 && result.Created == result.Sent && result.MissedRows == 0 && result.Errors.Count == 0, result.Describe());
            Assert.Equal(10 * 50, result.RowLatenciesMs.Count);
        }
        finally
        {
            foreach (var worklist in worklists)
                await worklist.DisposeAsync();
        }
    }
}

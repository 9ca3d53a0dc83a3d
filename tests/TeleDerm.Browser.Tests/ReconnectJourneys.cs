using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// The server restarts while a dermatologist is writing an answer: the page says so in the reader's language,
/// comes back by itself once the server is up again, and the answer being typed is still there.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class ReconnectJourneys : IAsyncLifetime
{
    private readonly int port = FreePort();
    private LoopbackApp first = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        first = new LoopbackApp();
        first.Start(port);
        (playwright, browser) = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await first.DisposeAsync();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task A_server_restart_during_an_answer_shows_a_notice_and_loses_nothing_typed()
    {
        var gp = await TestAccounts.CreateAsync(first.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(first.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(first.Services, gp.Id, Urgency.Soon, risk: 0.4);
        var context = await browser.NewContextAsync(new() { BaseURL = first.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("action-Claim").ClickAsync();
        await page.GetByTestId("answer-form").WaitForAsync();
        await SelectSteps.ChooseAsync(page, "diagnosis-code-select", "L57.0");
        await page.GetByTestId("add-prescription-line").ClickAsync();
        await page.GetByTestId("medicine").FillAsync("Fluorouracil 5% cream");
        // Typed, never blurred: the server has not seen this text when it goes away.
        await page.GetByTestId("message-to-gp").FillAsync("Typical actinic keratosis; review in three months");

        await first.DisposeAsync();
        var notice = page.GetByTestId("reconnect-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("The connection to TeleDerm was lost. Reconnecting…");

        // The same installation comes back (same data folder, same address): the page reloads itself.
        await using var second = new LoopbackApp(new Dictionary<string, string?> { ["TeleDerm:DataDirectory"] = first.DataDirectory });
        second.Start(port);
        await page.GetByTestId("answer-draft-restored").WaitForAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page.GetByTestId("message-to-gp")).ToHaveValueAsync("Typical actinic keratosis; review in three months");
        await Assertions.Expect(page.GetByTestId("diagnosis-code")).ToHaveValueAsync("L57.0");
        await Assertions.Expect(page.GetByTestId("medicine")).ToHaveValueAsync("Fluorouracil 5% cream");
        await Assertions.Expect(notice).Not.ToBeVisibleAsync();
    }
}


using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Cases;

/// <summary>
/// The hub speaks SignalR's JSON protocol over a WebSocket (the .NET SignalR client is not in our
/// registry, so the test speaks the protocol itself: a handshake, then records ending in 0x1E).
/// </summary>
public sealed class CaseEventsHubTests : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<(FormSession Session, CookieContainer Cookies)> SignedInAsync(TestAccount account)
    {
        _ = app.Server;
        var cookies = new CookieContainer();
        var client = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = app.Server.CreateHandler() }) { BaseAddress = app.Server.BaseAddress };
        var session = new FormSession(client);
        await session.SignInAsync(account);
        return (session, cookies);
    }

    private async Task<WebSocket> ConnectAsync(CookieContainer cookies)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Cookie = cookies.GetCookieHeader(app.Server.BaseAddress);
        var socket = await client.ConnectAsync(new Uri(app.Server.BaseAddress, "/hubs/cases"), CancellationToken.None);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}");
        Assert.Equal("{}", await ReceiveAsync(socket, TimeSpan.FromSeconds(5))); // handshake accepted
        // The handshake is answered before the hub has put the connection in its groups; "subscribed" comes after.
        var subscribed = await ReceiveAsync(socket, TimeSpan.FromSeconds(5));
        Assert.NotNull(subscribed);
        using (var json = JsonDocument.Parse(subscribed))
        {
            Assert.Equal("subscribed", json.RootElement.GetProperty("target").GetString());
        }
        return socket;
    }

    private static Task SendAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    // What was read past the end of the last record: one WebSocket frame may carry several records.
    private string pending = "";

    /// <summary>The next record (without its separator), or null when none comes in time.</summary>
    private async Task<string?> ReceiveAsync(WebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[8192];
        try
        {
            while (!pending.Contains(RecordSeparator, StringComparison.Ordinal))
            {
                var result = await socket.ReceiveAsync(buffer, cancel.Token);
                pending += Encoding.UTF8.GetString(buffer, 0, result.Count);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        var end = pending.IndexOf(RecordSeparator, StringComparison.Ordinal);
        var record = pending[..end];
        pending = pending[(end + 1)..];
        return record;
    }

    /// <summary>The next invocation of caseChanged (pings skipped), or null when none comes in time.</summary>
    private async Task<JsonElement?> NextCaseChangedAsync(WebSocket socket, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var record = await ReceiveAsync(socket, deadline - DateTime.UtcNow);
            if (record is null)
            {
                return null;
            }
            using var json = JsonDocument.Parse(record);
            if (json.RootElement.GetProperty("type").GetInt32() == 1 && json.RootElement.GetProperty("target").GetString() == "caseChanged")
            {
                return json.RootElement.GetProperty("arguments")[0].Clone();
            }
        }
        return null;
    }

    [Fact]
    public async Task A_GP_receives_events_of_their_own_requests_only()
    {
        var gpA = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var gpB = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var (_, cookies) = await SignedInAsync(gpA);
        using var socket = await ConnectAsync(cookies);

        var other = await TestCases.CreateSubmittedAsync(app.Services, gpB.Id);
        var own = await TestCases.CreateSubmittedAsync(app.Services, gpA.Id);

        var received = await NextCaseChangedAsync(socket, TimeSpan.FromSeconds(5));
        Assert.NotNull(received);
        Assert.Equal(own.Id.ToString(), received.Value.GetProperty("caseId").GetString());
        Assert.Equal("Created", received.Value.GetProperty("kind").GetString());
        Assert.NotEqual(other.Id.ToString(), received.Value.GetProperty("caseId").GetString());
        Assert.False(received.Value.TryGetProperty("patient", out _));
    }

    [Fact]
    public async Task A_dermatologist_receives_every_event_of_their_department()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var (_, cookies) = await SignedInAsync(dermatologist);
        using var socket = await ConnectAsync(cookies);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id);
        var received = await NextCaseChangedAsync(socket, TimeSpan.FromSeconds(5));
        Assert.Equal(@case.Id.ToString(), received?.GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task An_anonymous_client_cannot_connect()
    {
        var client = app.Server.CreateWebSocketClient();
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(app.Server.BaseAddress, "/hubs/cases"), CancellationToken.None));
    }
}

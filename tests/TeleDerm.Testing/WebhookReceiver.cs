using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TeleDerm.Testing;

/// <summary>
/// A practice's webhook receiver: a real HTTP server (Kestrel) on 127.0.0.1 with a free port that records every call
/// and answers 204. It can be stopped and started again on the same port, as a practice's server that goes away.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/telederm/events";
    private readonly ConcurrentQueue<Call> calls = new();
    private WebApplication? server;

    /// <summary>One call as received: its headers (lower-case names) and body bytes.</summary>
    public sealed record Call(IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public WebhookReceiver()
    {
        Port = ProcessRunner.FreeTcpPort();
        Start();
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}{Path}");
    public IReadOnlyList<Call> Calls => [.. calls];

    public void Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        builder.Logging.ClearProviders();
        server = builder.Build();
        server.MapPost(Path, async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            calls.Enqueue(new Call(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body.ToArray()));
            return Results.NoContent();
        });
        server.StartAsync().GetAwaiter().GetResult();
    }

    public async Task StopAsync()
    {
        if (server is not null)
        {
            await server.StopAsync();
            await server.DisposeAsync();
            server = null;
        }
    }

    /// <summary>The calls received, once there are <paramref name="count"/> (fails after <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<Call>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (calls.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The webhook receiver got {calls.Count} call(s) of {count} in {timeout.TotalSeconds} s.");
            }
            await Task.Delay(100);
        }
        return Calls;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

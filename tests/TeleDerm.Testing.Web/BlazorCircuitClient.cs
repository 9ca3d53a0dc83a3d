using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace TeleDerm.Testing.Web;

/// <summary>
/// An open page of the app as the server sees it, without a browser: reads the prerendered page, opens the Blazor
/// circuit over a WebSocket exactly as blazor.web.js does (StartCircuit, then UpdateRootComponents with the page's
/// component markers and persisted state), acknowledges every render batch, answers every JavaScript interop call as an
/// idle page would (see <see cref="JavaScriptResult"/>) and, when disposed, says goodbye as a closing tab does. It
/// renders nothing: a load test with hundreds of these costs the server what hundreds of browsers would, and the client
/// almost nothing. What arrives is handed to <see cref="BatchReceived"/> as the raw
/// render batch (its strings are UTF-8 in the batch, so a row's text can be found in it).
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Uri baseAddress;
    private readonly CookieContainer cookies;
    private readonly ConcurrentQueue<string> errors = new();
    private string? circuitId;
    private long lastJsObjectId;

    private BlazorCircuitClient(HubConnection connection, Uri baseAddress, CookieContainer cookies) =>
        (this.connection, this.baseAddress, this.cookies) = (connection, baseAddress, cookies);

    /// <summary>Called for every render batch as it arrives, before it is acknowledged (on SignalR's receive loop: keep it short).</summary>
    public Action<ReadOnlyMemory<byte>>? BatchReceived { get; set; }

    /// <summary>Errors the server reported to this page (JS.Error), or a connection that closed with an error.</summary>
    public IReadOnlyCollection<string> Errors => errors;

    /// <summary>Opens <paramref name="path"/> with the <paramref name="cookies"/> of a signed-in session and starts its circuit; returns once the first render has arrived.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(Uri baseAddress, CookieContainer cookies, string path, Action<ReadOnlyMemory<byte>>? batchReceived = null,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var response = await http.GetAsync(path, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: is the session signed in?");
        var markers = ServerMarkers(html);
        if (markers.Count == 0)
            throw new InvalidOperationException($"GET {path} has no interactive server component marker: the page is not interactive.");
        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var client = new BlazorCircuitClient(builder.Build(), baseAddress, cookies) { BatchReceived = batchReceived };
        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Listen(firstBatch);
        await client.connection.StartAsync(cancellationToken);

        client.circuitId = await client.connection.InvokeAsync<string?>("StartCircuit", baseAddress.ToString(), new Uri(baseAddress, path).ToString(), "[]", state, cancellationToken);
        if (client.circuitId is null)
            throw new InvalidOperationException($"The server refused to start a circuit for {path}.");
        var operations = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
        {
            ["type"] = "add",
            ["ssrComponentId"] = i + 1,
            ["marker"] = marker,
        })]);
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await client.connection.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancellationToken);
        await firstBatch.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return client;
    }

    private void Listen(TaskCompletionSource firstBatch)
    {
        connection.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            BatchReceived?.Invoke(data);
            await connection.SendAsync("OnRenderCompleted", batchId, null);
            firstBatch.TrySetResult();
        });
        connection.On<long, string, string, int, long>("JS.BeginInvokeJS", (taskId, _, _, resultType, _) =>
            connection.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{JavaScriptResult(resultType)}]"));
        connection.On<string>("JS.Error", error => errors.Enqueue(error));
        connection.Closed += error =>
        {
            if (error is not null)
                errors.Enqueue($"connection closed: {error.Message}");
            firstBatch.TrySetException(error ?? new InvalidOperationException("The circuit closed before its first render."));
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// What the browser of an idle page would answer a JavaScript call: a module or object asked for (result type 1)
    /// gets a fresh object reference, so that the page goes on to call it as it would in a browser; everything else
    /// (MudBlazor's popovers, focus, the theme, the worklist's keyboard module) is done with no value.
    /// </summary>
    private string JavaScriptResult(int resultType) =>
        resultType == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref lastJsObjectId)}}}" : "null";

    /// <summary>The opening markers of the page's interactive server components, in document order (as blazor.web.js finds them).</summary>
    private static List<JsonNode> ServerMarkers(string html)
    {
        var markers = new List<JsonNode>();
        foreach (Match match in Marker().Matches(html))
        {
            var marker = JsonNode.Parse(match.Groups[1].Value)!;
            if (marker["type"]?.GetValue<string>() == "server" && marker["descriptor"] is not null)
                markers.Add(marker);
        }
        return markers;
    }

    /// <summary>The case references (TD-XXXXXX) written in a render batch.</summary>
    public static IEnumerable<string> References(ReadOnlySpan<byte> batch)
    {
        var found = new List<string>();
        var prefix = "TD-"u8;
        for (var at = batch.IndexOf(prefix); at >= 0 && at + 9 <= batch.Length;)
        {
            var candidate = Encoding.ASCII.GetString(batch.Slice(at, 9));
            if (ReferencePattern().IsMatch(candidate))
                found.Add(candidate);
            var next = batch[(at + 3)..].IndexOf(prefix);
            at = next < 0 ? -1 : at + 3 + next;
        }
        return found;
    }

    /// <summary>Closes the page as a browser tab does: the disconnect beacon (the server disposes the circuit at once instead of keeping it for a reconnection), then the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (circuitId is not null)
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
            using var form = new MultipartFormDataContent { { new StringContent(circuitId), "circuitId" } };
            using var _ = await http.PostAsync("_blazor/disconnect", form);
        }
        await connection.DisposeAsync();
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();

    [GeneratedRegex("^TD-[23456789A-HJ-NP-Z]{6}$")]
    private static partial Regex ReferencePattern();
}

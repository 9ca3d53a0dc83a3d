namespace TeleDerm.Testing;

/// <summary>
/// The documented load balancer (docs/deployment/nginx-two-instances.conf, used as it is) in front of two app
/// instances on loopback. For the tests it also names, in an X-Upstream header, the instance that answered.
/// </summary>
public sealed class NginxLoadBalancer : IDisposable
{
    public const string RouteCookie = "teleDermRoute";
    public const string UpstreamHeader = "X-Upstream";
    private readonly NginxServer server;

    public NginxLoadBalancer(Uri instanceA, Uri instanceB)
    {
        var documented = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deployment", "nginx-two-instances.conf"));
        const string routeCookieLine = "add_header Set-Cookie $teleDerm_route_cookie;";
        if (!documented.Contains(routeCookieLine, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"docs/deployment/nginx-two-instances.conf no longer has the line '{routeCookieLine}' this fixture extends.");
        }
        server = new NginxServer((_, port) => documented
            .Replace("@INSTANCE_A@", instanceA.Authority, StringComparison.Ordinal)
            .Replace("@INSTANCE_B@", instanceB.Authority, StringComparison.Ordinal)
            .Replace("@LISTEN@", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace(routeCookieLine, routeCookieLine + $"\n        add_header {UpstreamHeader} $upstream_addr always;", StringComparison.Ordinal));
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{server.Port}/");

    /// <summary>A route cookie value that nginx sends to <paramref name="instance"/> while it is up (found by asking).</summary>
    public async Task<string> RouteToAsync(Uri instance)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = BaseAddress };
        for (var i = 0; i < 64; i++)
        {
            var route = $"route-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "health/live");
            request.Headers.Add("Cookie", $"{RouteCookie}={route}");
            using var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues(UpstreamHeader, out var upstream) && upstream.Single() == instance.Authority)
            {
                return route;
            }
        }
        throw new InvalidOperationException($"No route among 64 reached {instance.Authority}: {server.ReadLog()}");
    }

    public string ReadLog() => server.ReadLog();

    public void Dispose() => server.Dispose();
}

using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Security.Tests;

/// <summary>The attacked app as deployed: HTTPS only, behind nginx (127.0.0.2) which it trusts for forwarded headers.</summary>
public sealed class ProxiedApp() : AttackedApp(new Dictionary<string, string?>
{
    ["TeleDerm:Security:HttpsOnly"] = "true",
    ["TeleDerm:ReverseProxy:KnownProxies:0"] = NginxTlsProxy.ProxyAddress,
})
{
    public NginxTlsProxy Proxy { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Proxy = new NginxTlsProxy(BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        Proxy?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// Item 7 of the penetration test: behind a TLS reverse proxy the app knows it is on HTTPS (secure "__Host-"
/// cookies, HSTS), records the client's address rather than the proxy's, and believes forwarded headers from
/// the proxy alone. Real nginx terminates TLS with a self-signed certificate.
/// </summary>
public sealed class TlsProxyAttacks(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    private const string ClientAddress = "127.0.0.3";
    private const string HostName = "teleDerm.test";

    /// <summary>A browser at 127.0.0.3 talking to nginx over TLS (the test's own certificate is accepted).</summary>
    private FormSession BrowserThroughProxy(CookieContainer cookies)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(ClientAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = app.Proxy.BaseAddress };
        // A real host name: ASP.NET Core never sends HSTS to localhost addresses.
        client.DefaultRequestHeaders.Host = $"{HostName}:{app.Proxy.Port}";
        return new FormSession(client);
    }

    private async Task<AuditEntry> LastSignInAsync(string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SignIn && e.UserName == email).OrderByDescending(e => e.Sequence).FirstAsync();
    }

    [Fact]
    public async Task Through_nginx_cookies_are_host_prefixed_and_secure_HSTS_is_sent_and_the_audit_records_the_client()
    {
        var account = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var browser = BrowserThroughProxy(new CookieContainer());

        var password = await browser.PostPasswordAsync(account.Email, account.Password);
        var code = await browser.PostCodeAsync(AuthenticatorCodes.Next(account.AuthenticatorKey!));
        var worklist = await browser.Client.GetAsync("/worklist");

        Assert.Equal(HttpStatusCode.Found, code.StatusCode);
        var session = Assert.Single(code.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-TeleDerm.Session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-TeleDerm.TwoFactor=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, worklist.StatusCode);
        Assert.StartsWith("max-age=", worklist.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(ClientAddress, (await LastSignInAsync(account.Email)).IpAddress);
    }

    [Fact]
    public async Task A_client_s_own_forwarded_headers_are_ignored_through_the_proxy_and_without_it()
    {
        var email = $"nobody-{Guid.NewGuid():N}@test.example";
        var spoofing = BrowserThroughProxy(new CookieContainer());
        spoofing.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var direct = app.CreateClient();
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        direct.DefaultRequestHeaders.Host = HostName;

        // Through nginx the header becomes "203.0.113.9, 127.0.0.3": only the hop nginx added is believed.
        var refused = await spoofing.PostPasswordAsync(email, "Guess-1");
        // Straight to the app, from an address that is not the proxy: the claimed HTTPS is not believed either.
        var plain = await direct.GetAsync("/account/login");
        var plainPost = await direct.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email }));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(ClientAddress, (await LastSignInAsync(email)).IpAddress);
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal($"https://{HostName}/account/login", plain.Headers.Location?.ToString(), ignoreCase: true);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "a plain-HTTP request claiming https got HSTS");
        Assert.Equal(HttpStatusCode.BadRequest, plainPost.StatusCode);
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeleDerm.Testing.Web;

/// <summary>
/// The real app served by Kestrel on 127.0.0.1 with a free port and its own data folder: what a browser or
/// an attacker reaches over the network, cookies, headers and body limits included.
/// </summary>
/// <param name="services">Replacements of the app's services, applied after its own (a test's instrumented decorator).</param>
public class LoopbackApp(IDictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("teleDerm-loopback-").FullName;

    /// <summary>Where the server listens, once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the app logged at warning level or above, recent entries only.</summary>
    public RecentServerProblems Problems { get; } = new();

    /// <param name="port">0 for a free port; a given one to start the app again where browsers knew it (restart tests).</param>
    public Uri Start(int port = 0)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return BaseAddress;
    }

    /// <summary>A client over the network, keeping its own cookies and never following redirects (tests read them).</summary>
    public HttpClient CreateNetworkClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>A form-filling client over the network (see <see cref="FormSession"/>).</summary>
    public FormSession CreateNetworkSession(CookieContainer? cookies = null) => new(CreateNetworkClient(cookies));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("TeleDerm:DataDirectory", DataDirectory);
        builder.UseSetting("TeleDerm:Demo:Enabled", "false");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Problems));
        // Test suites sign in far faster than people do, all from 127.0.0.1: the rate-limit tests set their own limits.
        builder.UseSetting("TeleDerm:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("TeleDerm:RateLimits:ImagesPerMinute", "100000");
        builder.UseSetting("TeleDerm:RateLimits:IntakeApiPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

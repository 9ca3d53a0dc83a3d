using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TeleDerm.Web.Tests.Infrastructure;

/// <summary>The real app, in memory, on its own SQLite database in a temp folder.</summary>
public class TeleDermAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public TeleDermAppFactory(IDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("teleDerm-web-").FullName;
        Clock = clock;
        settings = new Dictionary<string, string?>
        {
            ["TeleDerm:DataDirectory"] = DataDirectory,
            ["TeleDerm:Demo:Enabled"] = "false",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests sign in far faster than people do: the rate-limit tests set their own limits.
            ["TeleDerm:RateLimits:SignInPerMinute"] = "100000",
            ["TeleDerm:RateLimits:ImagesPerMinute"] = "100000",
            ["TeleDerm:RateLimits:IntakeApiPerMinute"] = "100000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public string DataDirectory { get; }
    public TimeProvider? Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(Clock));
        }
    }

    public FormSession CreateSession() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}

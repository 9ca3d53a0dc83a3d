using Microsoft.Playwright;
using TeleDerm.Testing;
using TeleDerm.Testing.Web;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// The app served by Kestrel on 127.0.0.1 with a free port and its own data folder, and a headless
/// Debian Chromium to drive it. One per test class.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private readonly LoopbackApp factory;
    private IPlaywright? playwright;

    public BrowserApp() : this(new Dictionary<string, string?>())
    {
    }

    protected BrowserApp(IDictionary<string, string?> settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        factory = new LoopbackApp(settings, services: services);

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => factory.Services;

    public static string ScreenshotPath(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;
        return Path.Combine(folder, name + ".png");
    }

    public async Task InitializeAsync()
    {
        BaseAddress = factory.Start();
        (playwright, Browser) = await HeadlessChromium.LaunchAsync();
    }

    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = locale ?? "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        await factory.DisposeAsync();
    }
}

/// <summary>The same app with a five-second idle timeout, to watch the automatic sign-out happen.</summary>
public sealed class ShortIdleBrowserApp() : BrowserApp(new Dictionary<string, string?> { ["TeleDerm:Security:IdleTimeout"] = "00:00:05" });

/// <summary>The same app on a clock the test moves forward (months pass in a journey): sign in with <see cref="Clock"/>'s codes.</summary>
public sealed class ClockedBrowserApp : BrowserApp
{
    public ClockedBrowserApp() : this(new AdjustableClock())
    {
    }

    private ClockedBrowserApp(AdjustableClock clock)
        : base(new Dictionary<string, string?>(), services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, clock)) =>
        Clock = clock;

    public AdjustableClock Clock { get; }
}

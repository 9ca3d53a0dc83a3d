using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace TeleDerm.Web.Components.Tests.Support;

/// <summary>
/// A bUnit context set up as the app is for components: the app's own localized texts, MudBlazor's services,
/// a clock the test moves, and a culture chosen per test ("en" or "fr"), restored afterwards.
/// </summary>
public abstract class ComponentTestContext : IAsyncLifetime
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;

    protected BunitContext Context { get; } = new();
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    protected ComponentTestContext()
    {
        Context.Services.AddLocalization();
        Context.Services.AddMudServices();
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.Services.AddSingleton<TeleDerm.Web.Features.Worklist.WorklistRowMarkup>();
        Context.Services.AddMetrics();
        Context.Services.AddSingleton<TeleDerm.Core.Observability.TeleDermTelemetry>();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders in this language from now on, as the request localization of the app would set it.</summary>
    protected static void UseLanguage(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}

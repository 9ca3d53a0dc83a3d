using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace TeleDerm.Web.Components.Theme;

/// <summary>
/// MudBlazor's theme (its CSS variables, light or dark) as one string written once per process and shared by every
/// page. <see cref="MudThemeProvider"/> in the layout wrote the same ~15 KB of CSS for each open page, kept it in that
/// page's render tree twice, and watched the system's dark mode over JavaScript for a preference TeleDerm sets itself:
/// a third of the memory of every idle page (docs/benchmarks.md, idle circuit memory). The CSS is MudBlazor's own,
/// rendered by <see cref="MudThemeProvider"/> outside any page.
/// </summary>
public sealed class ThemeStyles(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<MarkupString> light = new(() => Render(services, loggers, dark: false));
    private readonly Lazy<MarkupString> dark = new(() => Render(services, loggers, dark: true));

    /// <summary>The theme's style elements, for the light or the dark palette.</summary>
    public MarkupString For(bool isDarkMode) => isDarkMode ? dark.Value : light.Value;

    private static MarkupString Render(IServiceProvider services, ILoggerFactory loggers, bool dark) =>
        // Once per palette and process; on the thread pool, so that a page's renderer waiting for it cannot deadlock.
        Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(MudThemeProvider.Theme)] = TeleDermTheme.Instance,
                    [nameof(MudThemeProvider.IsDarkMode)] = dark,
                });
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
                return output.ToHtmlString();
            });
            return new MarkupString(html);
        }).GetAwaiter().GetResult();
}

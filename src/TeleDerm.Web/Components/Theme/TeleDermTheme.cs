using MudBlazor;

namespace TeleDerm.Web.Components.Theme;

/// <summary>
/// The one MudBlazor theme of the workstation: the department's deep teal, with text and status colours
/// chosen for WCAG 2.1 AA contrast (4.5:1 on the surface they sit on). The dark palette is the viewer's
/// reading room and the user's dark preference: photographs are judged against a dark, neutral grey,
/// never against coloured chrome.
/// </summary>
public static class TeleDermTheme
{
    /// <summary>System fonts only: the CSP allows no font CDN, and clinicians' machines all have one of these.</summary>
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5d6b",
            PrimaryContrastText = "#ffffff",
            Secondary = "#4a5568",
            Tertiary = "#6b46c1",
            Info = "#1f5f99",
            Success = "#256f3a",
            Warning = "#8a5300",
            Error = "#b42318",
            AppbarBackground = "#0b5d6b",
            AppbarText = "#ffffff",
            Background = "#f5f7f8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2933",
            TextPrimary = "#1f2933",
            TextSecondary = "#4a5568",
            ActionDefault = "#4a5568",
            LinesDefault = "#d5dbe0",
            TableLines = "#e2e6ea",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5cc8d6",
            PrimaryContrastText = "#0b1f24",
            Secondary = "#a0aec0",
            Info = "#7cb8f0",
            Success = "#7bd69a",
            Warning = "#f0b45a",
            Error = "#ff8a80",
            AppbarBackground = "#15191d",
            AppbarText = "#e6e9ec",
            Background = "#101315",
            Surface = "#1b2024",
            DrawerBackground = "#15191d",
            DrawerText = "#e6e9ec",
            TextPrimary = "#e6e9ec",
            TextSecondary = "#b3bcc5",
            ActionDefault = "#b3bcc5",
            LinesDefault = "#3a4249",
            TableLines = "#2c3339",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = ".9375rem" },
            H1 = new H1Typography { FontFamily = FontFamily, FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.3" },
            H2 = new H2Typography { FontFamily = FontFamily, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontFamily, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.3" },
            Button = new ButtonTypography { FontFamily = FontFamily, TextTransform = "none", FontWeight = "600" },
            Body1 = new Body1Typography { FontFamily = FontFamily },
            Body2 = new Body2Typography { FontFamily = FontFamily },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "15rem", DefaultBorderRadius = "6px" },
    };
}

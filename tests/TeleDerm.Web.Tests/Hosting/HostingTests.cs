using System.Net;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Xml.Linq;
using System.Text.RegularExpressions;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Hosting;

public sealed partial class HostingTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Health_reports_the_database_reachable()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/account/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_sign_in_page_speaks_French_to_a_French_browser()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/login"));
        Assert.Contains("Connexion à TeleDerm", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_chose_the_dark_theme_gets_the_dark_palette_in_the_first_response()
    {
        // The MudBlazor theme is written into the page as CSS variables: the first byte is already in the user's theme.
        var client = app.CreateClient();
        var light = await client.GetStringAsync("/account/login");
        Assert.Contains("_content/MudBlazor/MudBlazor.min.", light, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-background: rgba(245,247,248,1)", light, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", "TeleDerm.Theme=dark");
        var dark = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("--mud-palette-background: rgba(16,19,21,1)", dark, StringComparison.Ordinal);
        Assert.DoesNotContain("--mud-palette-background: rgba(245,247,248,1)", dark, StringComparison.Ordinal);
        Assert.Contains("data-theme=\"dark\"", dark, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_strict()
    {
        var account = await TestAccounts.CreateAsync(app.Services, TeleDerm.Core.Accounts.Roles.GP, enrolTwoFactor: false);
        var response = await app.CreateSession().PostPasswordAsync(account.Email, account.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("TeleDerm.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_invalid_setting_stops_the_app_with_its_name()
    {
        using var broken = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:Security:IdleTimeout"] = "00:00:01" });
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains("TeleDerm:Security:IdleTimeout", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TeleDerm:Scoring:MaxConcurrency", "0", "MaxConcurrency")]
    [InlineData("TeleDerm:Scoring:Lease", "00:00:01", "Lease")]
    [InlineData("TeleDerm:ServiceLevels:Urgent", "00:00:00", "Urgent")]
    [InlineData("TeleDerm:ServiceLevels:Urgent", "10.00:00:00", "Urgent must be at most Soon")]
    [InlineData("TeleDerm:Reports:InstitutionName", "", "InstitutionName")]
    [InlineData("TeleDerm:Reports:LogoPath", "/nowhere/logo.png", "TeleDerm:Reports:LogoPath")]
    [InlineData("TeleDerm:Models:Folder", "/nowhere/models", "TeleDerm:Models:Folder")]
    [InlineData("TeleDerm:Intake:MaxPhotos", "0", "TeleDerm:Intake")]
    [InlineData("TeleDerm:RateLimits:SignInPerMinute", "0", "SignInPerMinute")]
    [InlineData("TeleDerm:DicomStore:Kind", "DicomWeb", "TeleDerm:DicomStore:DicomWeb:BaseUrl")]
    [InlineData("TeleDerm:DicomStore:Kind", "Pacs", "TeleDerm:DicomStore:Kind")]
    [InlineData("TeleDerm:Circuits:ClientTimeout", "00:00:10", "TeleDerm:Circuits:ClientTimeout")]
    [InlineData("TeleDerm:Circuits:MaxReceiveMessageBytes", "100", "TeleDerm:Circuits:MaxReceiveMessageBytes")]
    [InlineData("TeleDerm:Notifications:Email:SmtpHost", "smtp.hospital.example", "TeleDerm:Notifications:Email:PublicBaseUrl")]
    [InlineData("TeleDerm:Notifications:Email:PollInterval", "00:00:00", "PollInterval")]
    [InlineData("TeleDerm:Notifications:Webhooks:Timeout", "00:00:00", "TeleDerm:Notifications:Webhooks:Timeout")]
    public void Every_settings_section_is_checked_at_start(string setting, string value, string named)
    {
        using var broken = new TeleDermAppFactory(new Dictionary<string, string?> { [setting] = value });
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_circuit_settings_reach_Blazor_and_its_connection()
    {
        using var configured = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Circuits:DisconnectedRetention"] = "00:07:00",
            ["TeleDerm:Circuits:MaxDisconnectedRetained"] = "321",
            ["TeleDerm:Circuits:MaxBufferedRenderBatches"] = "7",
            ["TeleDerm:Circuits:ClientTimeout"] = "00:01:30",
            ["TeleDerm:Circuits:MaxReceiveMessageBytes"] = "65536",
        });
        var circuit = configured.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(7), 321, 7), (circuit.DisconnectedCircuitRetentionPeriod, circuit.DisconnectedCircuitMaxRetained, circuit.MaxBufferedUnacknowledgedRenderBatches));
        // Blazor's hub is internal: its options are found by name.
        var hub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub));
        var options = (HubOptions)optionsType.GetProperty("Value")!.GetValue(configured.Services.GetRequiredService(optionsType))!;
        Assert.Equal((TimeSpan.FromSeconds(90), 65536L), (options.ClientTimeoutInterval, options.MaximumReceiveMessageSize));

        // Unset, the clinic's defaults (docs/operations.md): five minutes and 200 pages kept for browsers that lost the connection.
        var defaults = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(5), 200), (defaults.DisconnectedCircuitRetentionPeriod, defaults.DisconnectedCircuitMaxRetained));
    }

    [Fact]
    public void An_unknown_time_zone_stops_the_app_with_the_setting_name()
    {
        using var broken = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:TimeZone"] = "Mars/Olympus_Mons" });
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains("TeleDerm:TimeZone must be an IANA time zone id", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Clinicians_read_times_in_the_institutions_time_zone()
    {
        var time = new TeleDerm.Web.Hosting.ClinicalTime(Microsoft.Extensions.Options.Options.Create(new TeleDerm.Web.Hosting.TeleDermOptions { TimeZone = "Europe/Paris" }));
        Assert.Equal(new DateTime(2026, 11, 22, 10, 0, 0), time.ToLocal(new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 7, 1, 11, 0, 0), time.ToLocal(new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_stops_the_app_with_a_clear_message()
    {
        using var broken = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:Database:Provider"] = "PostgreSql" });
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains("TeleDerm:Database:ConnectionString is required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_runs_on_a_real_PostgreSQL_when_configured()
    {
        using var onPostgres = new TeleDermAppFactory(new Dictionary<string, string?>
        {
            ["TeleDerm:Database:Provider"] = "PostgreSql",
            ["TeleDerm:Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase(),
        });
        var account = await TestAccounts.CreateAsync(onPostgres.Services, TeleDerm.Core.Accounts.Roles.Admin);
        var session = onPostgres.CreateSession();
        await session.SignInAsync(account);
        var (response, html) = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"home-Admin\"", html, StringComparison.Ordinal);
        Assert.Equal("Healthy", await onPostgres.CreateClient().GetStringAsync("/health"));
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_data_folder_outside_the_web_root()
    {
        var account = await TestAccounts.CreateAsync(app.Services, TeleDerm.Core.Accounts.Roles.GP, enrolTwoFactor: false);
        await app.CreateSession().PostPasswordAsync(account.Email, account.Password);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml"));
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web", "wwwroot", "keys")));
    }
}

/// <summary>Every text the user reads goes through the resource files, in English and in French.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string WebProject = Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web");

    private static Dictionary<string, string> Load(string file) => UiTexts.Load(file);

    [Fact]
    public void English_and_French_have_the_same_keys_and_no_empty_text()
    {
        var english = Load("Texts.resx");
        var french = Load("Texts.fr.resx");
        Assert.Equal(english.Keys.Order(), french.Keys.Order());
        Assert.DoesNotContain(english.Concat(french), pair => string.IsNullOrWhiteSpace(pair.Value));
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var english = Load("Texts.resx");
        var used = Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(u => !english.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Keys used but not in Texts.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex("L\\[\"([A-Za-z0-9_.]+)\"")]
    private static partial Regex KeyPattern();
}

using System.Net;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Security.Tests;

/// <summary>
/// Items 8 and 10 of the penetration test: a production server with its keys in clear, and demo data that
/// could pass for a real department's.
/// </summary>
public sealed class DeploymentAttacks
{
    [Fact]
    public void Production_refuses_to_start_with_the_key_ring_in_clear_and_names_the_setting()
    {
        using var app = new LoopbackApp(environment: "Production");

        var refused = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("TeleDerm:Security:KeyRingCertificatePath is required in Production", refused.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "keys")) && Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "keys")).Any());
    }

    [Fact]
    public async Task Allowed_keys_in_clear_are_said_on_the_administrator_s_home_page_and_demo_data_on_every_page()
    {
        await using var app = new LoopbackApp(new Dictionary<string, string?>
        {
            ["TeleDerm:Security:AllowUnprotectedKeys"] = "true",
            ["TeleDerm:Demo:Enabled"] = "true",
            ["TeleDerm:Demo:SamplesDirectory"] = Path.Combine(RepoPaths.Root, "samples"),
        });
        app.Start();
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var session = app.CreateNetworkSession();
        await session.SignInAsync(admin);

        var (response, home) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"unprotected-keys\"", home, StringComparison.Ordinal);
        Assert.Contains("Demonstration data: invented patients and accounts, not for clinical use.", home, StringComparison.Ordinal);
    }
}

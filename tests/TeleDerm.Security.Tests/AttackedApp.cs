using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.IntakeApi;

namespace TeleDerm.Security.Tests;

/// <summary>
/// The app under attack: served over HTTP on a loopback port with its own data folder, plus the set-up an
/// attacker's scenario needs (accounts, practices and their API keys) made through the app's own services.
/// One per test class; tests create their own accounts so that they do not depend on each other.
/// </summary>
public class AttackedApp : IAsyncLifetime
{
    private readonly LoopbackApp app;

    public AttackedApp() : this(new Dictionary<string, string?>())
    {
    }

    protected AttackedApp(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        app = new LoopbackApp(settings, services: services);

    public IServiceProvider Services => app.Services;
    public string DataDirectory => app.DataDirectory;
    public Uri BaseAddress => app.BaseAddress;

    public virtual Task InitializeAsync()
    {
        app.Start();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await app.DisposeAsync();

    public HttpClient CreateClient(CookieContainer? cookies = null) => app.CreateNetworkClient(cookies);

    /// <summary>A person signed in over the network, with the cookie jar an attacker could copy.</summary>
    public async Task<(FormSession Session, CookieContainer Cookies)> SignedInAsync(TestAccount account)
    {
        var cookies = new CookieContainer();
        var session = app.CreateNetworkSession(cookies);
        await session.SignInAsync(account);
        return (session, cookies);
    }

    /// <summary>A new practice with one GP and an API key for its software.</summary>
    public async Task<PracticeUnderTest> PracticeAsync(string name)
    {
        var gp = await TestAccounts.CreateAsync(Services, Roles.GP);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var practice = new Practice { Id = Guid.NewGuid(), Name = name };
        db.Practices.Add(practice);
        (await db.Users.SingleAsync(u => u.Id == gp.Id)).PracticeId = practice.Id;
        await db.SaveChangesAsync();
        var (_, key) = await Services.GetRequiredService<PracticeApiKeys>().CreateAsync(await AdministratorAsync(), practice.Id, name + " software");
        return new PracticeUnderTest(practice.Id, gp, key);
    }

    /// <summary>A client of the intake API presenting a practice's key.</summary>
    public HttpClient ApiClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Posts a request to the intake API as practice software does (with a fresh Idempotency-Key).</summary>
    public async Task<HttpResponseMessage> SubmitCaseAsync(string apiKey, System.Text.Json.Nodes.JsonObject request, params (string Part, string FileName, byte[] Bytes)[] files)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = IntakeApiRequests.Body(request.ToJsonString(), files) };
        message.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, Guid.NewGuid().ToString());
        return await ApiClient(apiKey).SendAsync(message);
    }

    /// <summary>
    /// A submitted case claimed by <paramref name="dermatologist"/>, and a scope standing for their open tab: its
    /// <see cref="Actor"/> carries the principal their session was issued with, as a circuit's does.
    /// </summary>
    public async Task<(Guid CaseId, AsyncServiceScope Tab)> ClaimedCaseInOpenTabAsync(TestAccount dermatologist)
    {
        var gp = await TestAccounts.CreateAsync(Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(Services, gp.Id, publish: false);
        var claimed = await Services.GetRequiredService<CaseCommands>().ClaimAsync(@case.Id,
            new Actor(dermatologist.Id, dermatologist.Email, Roles.Dermatologist, @case.DepartmentId, null, null));
        if (!claimed.Succeeded)
        {
            throw new InvalidOperationException("Set-up failed: " + claimed.Error);
        }
        var tab = Services.CreateAsyncScope();
        var users = tab.ServiceProvider.GetRequiredService<UserManager<TeleDermUser>>();
        tab.ServiceProvider.GetRequiredService<CurrentActor>().Set(await tab.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<TeleDermUser>>()
            .CreateAsync((await users.FindByIdAsync(dermatologist.Id))!), "127.0.0.1");
        return (@case.Id, tab);
    }

    /// <summary>Runs an administrator's operation through the app's services, as the admin pages do.</summary>
    public async Task AsAdministratorAsync<TService>(Func<TService, Actor, Task> operation) where TService : notnull
    {
        var admin = await AdministratorAsync();
        await using var scope = Services.CreateAsyncScope();
        await operation(scope.ServiceProvider.GetRequiredService<TService>(), admin);
    }

    private Actor? administrator;

    /// <summary>The administrator of this app (created once): administration commands check that the actor is one.</summary>
    public async Task<Actor> AdministratorAsync()
    {
        return administrator ??= await TestAccounts.AdministratorAsync(Services);
    }
}

public sealed record PracticeUnderTest(Guid Id, TestAccount Gp, string ApiKey);

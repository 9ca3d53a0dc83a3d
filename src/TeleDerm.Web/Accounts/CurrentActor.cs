using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Who is acting in this request or interactive circuit: the session's principal (for authorization policies and
/// the authentication state) and, built once from it, the domain's <see cref="Actor"/> every query and command takes.
/// Filled by <see cref="ActorMiddleware"/> for HTTP requests and by <see cref="ActorCircuitHandler"/> for circuits.
/// </summary>
public sealed class CurrentActor
{
    public static ClaimsPrincipal Nobody => new(new ClaimsIdentity());

    public ClaimsPrincipal User { get; private set; } = Nobody;

    /// <summary>The same person as the domain sees them; <see cref="Core.Accounts.Actor.Nobody"/> once the session is revoked.</summary>
    public Actor Actor { get; private set; } = Actor.Nobody;

    public string? IpAddress => Actor.IpAddress;
    /// <summary>The reader's culture, taken when the circuit opens; every later render of the circuit runs in it.</summary>
    public CultureInfo? Culture { get; set; }
    public CultureInfo? UICulture { get; set; }

    public void Set(ClaimsPrincipal user, string? ipAddress)
    {
        User = user;
        Actor = Actor.FromClaims(user, ipAddress);
    }

    /// <summary>The session ended under this circuit: from now on it acts as nobody.</summary>
    public void SignOut() => Set(Nobody, IpAddress);
}

public sealed class ActorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentActor actor)
    {
        actor.Set(context.User, context.Connection.RemoteIpAddress?.ToString());
        return next(context);
    }
}

/// <summary>
/// A circuit has no HttpContext after it starts: take the user and address once, when it opens. Then, before
/// every event the browser sends (a click, a key, a navigation, a call into .NET), check that the session is still
/// current (not before the browser's answers to the server: <see cref="CircuitCallKinds"/>):
/// if the account was disabled or changed, the circuit's user becomes nobody before the event runs, so the
/// command it triggers is refused and the page falls back to the sign-in screen.
/// </summary>
public sealed class ActorCircuitHandler(CurrentActor actor, IHttpContextAccessor httpContextAccessor,
    AuthenticationStateProvider authenticationState, SessionValidation sessions, ILogger<ActorCircuitHandler> logger)
    : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var ipAddress = actor.IpAddress ?? httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        actor.Set((await authenticationState.GetAuthenticationStateAsync()).User, ipAddress);
        // The connection's request set the user's culture (cookie or Accept-Language); keep it for the circuit.
        actor.Culture = CultureInfo.CurrentCulture;
        actor.UICulture = CultureInfo.CurrentUICulture;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            // Each event may come on a thread last used by another user's circuit: put this reader's culture back.
            if (actor.Culture is { } culture && actor.UICulture is { } uiCulture)
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
            }
            if (actor.User.Identity?.IsAuthenticated == true && !CircuitCallKinds.IsAnswerToServer && !await sessions.IsCurrentAsync(actor.User))
            {
                logger.LogInformation("Session of {User} is no longer current: circuit {Circuit} signed out before its next event", actor.Actor.UserName, context.Circuit.Id);
                actor.SignOut();
                if (authenticationState is ServerAuthenticationStateProvider server)
                {
                    server.SetAuthenticationState(Task.FromResult(new AuthenticationState(CurrentActor.Nobody)));
                }
            }
            await next(context);
        };
}

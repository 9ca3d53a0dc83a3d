using System.Security.Claims;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Who is acting in this request or interactive circuit, and from where: what the audit trail records.
/// Filled by <see cref="ActorMiddleware"/> for HTTP requests and by <see cref="ActorCircuitHandler"/> for circuits.
/// </summary>
public sealed class Actor
{
    public ClaimsPrincipal User { get; set; } = new(new ClaimsIdentity());
    public string? IpAddress { get; set; }

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => User.Identity?.Name;
}

public sealed class ActorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, Actor actor)
    {
        actor.User = context.User;
        actor.IpAddress = context.Connection.RemoteIpAddress?.ToString();
        return next(context);
    }
}

/// <summary>A circuit has no HttpContext after it starts: take the user and address once, when it opens.</summary>
public sealed class ActorCircuitHandler(Actor actor, IHttpContextAccessor httpContextAccessor,
    Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider authenticationState)
    : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        actor.IpAddress ??= httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        actor.User = (await authenticationState.GetAuthenticationStateAsync()).User;
    }
}

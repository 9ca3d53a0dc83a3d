using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// An open interactive page keeps its sign-in only while the session is current (<see cref="SessionValidation"/>):
/// checked every few seconds (with the instance's other open pages, in one query: <see cref="BatchedAccountStandings"/>),
/// so that a page left open stops showing patient data soon after the account is disabled, and before every event by
/// <see cref="ActorCircuitHandler"/>, so that no click acts on old rights.
/// </summary>
public sealed class CircuitRevalidation(ILoggerFactory loggerFactory, SessionValidation sessions, BatchedAccountStandings standings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(authenticationState.User, standings);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Events;

namespace TeleDerm.Web.Features.Cases;

/// <summary>
/// Live case events for browsers and external clients (SignalR, JSON protocol). Each connection joins
/// only the groups of what its user may see: a GP their own requests, department staff their
/// department's cases. Messages carry the case id and what happened, never patient data: the client
/// reloads what its user is allowed to read.
/// </summary>
[Authorize]
public sealed class CaseEventsHub : Hub
{
    public const string Path = "/hubs/cases";
    public const string CaseChanged = "caseChanged";
    /// <summary>
    /// Sent to a new connection once it has joined its groups. SignalR accepts the handshake before
    /// <see cref="OnConnectedAsync"/> has run, so a client that loads its view on this message misses no event.
    /// </summary>
    public const string Subscribed = "subscribed";

    public static string GroupForGp(string userId) => "gp:" + userId;

    public static string GroupForDepartment(Guid departmentId) => "department:" + departmentId;

    public override async Task OnConnectedAsync()
    {
        var actor = Actor.FromClaims(Context.User!, ipAddress: null);
        if (actor.IsInRole(Roles.GP))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupForGp(actor.UserId));
        }
        if ((actor.IsInRole(Roles.Dermatologist) || actor.IsInRole(Roles.DepartmentHead)) && actor.DepartmentId is { } department)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupForDepartment(department));
        }
        await base.OnConnectedAsync();
        await Clients.Caller.SendAsync(Subscribed);
    }
}

/// <summary>Forwards every in-process case event to the hub groups allowed to see it.</summary>
public sealed class CaseEventsBroadcaster(InProcessCaseEvents events, IHubContext<CaseEventsHub> hub) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(e =>
        {
            var message = new { caseId = e.CaseId, kind = e.Kind.ToString(), at = e.AtUtc };
            _ = hub.Clients.Groups(CaseEventsHub.GroupForDepartment(e.DepartmentId), CaseEventsHub.GroupForGp(e.SubmittedByUserId))
                .SendAsync(CaseEventsHub.CaseChanged, message);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}

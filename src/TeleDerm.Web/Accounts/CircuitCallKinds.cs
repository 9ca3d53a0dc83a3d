using Microsoft.AspNetCore.SignalR;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Tells <see cref="ActorCircuitHandler"/> which calls from the browser answer the server rather than act for the
/// user: a render batch acknowledged, a JavaScript call's result. Those need no re-read of the account: they run no
/// command (and every command re-reads the account itself, <c>ActorStanding.IsStillEntitledAsync</c>), and an open
/// page sends one or two for each live refresh, so 200 open worklists re-read the account hundreds of times per
/// change for nothing (docs/benchmarks.md, load). Events, navigation, new components and uploads are still checked.
/// Runs as a filter on Blazor's hub, where the method's name is known; the flag flows to the circuit's inbound handler.
/// </summary>
public sealed class CircuitCallKinds : IHubFilter
{
    private static readonly AsyncLocal<bool> answeringServer = new();

    /// <summary>True while the hub call being handled only answers the server.</summary>
    public static bool IsAnswerToServer => answeringServer.Value;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Set inside this async method: the value flows into the call and is gone once it returns.
        answeringServer.Value = invocationContext.HubMethodName is "OnRenderCompleted" or "EndInvokeJSFromDotNet";
        return await next(invocationContext);
    }
}

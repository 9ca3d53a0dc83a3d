using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Tests.Accounts;

/// <summary>
/// Which calls of an open page skip the account re-read: only the browser's answers to the server (render
/// acknowledgements, JavaScript results). Events, navigation, new components and uploads are still checked
/// (the open-tab attack tests show a disabled account's next click refused).
/// </summary>
public sealed class CircuitCallKindsTests
{
    [Theory]
    [InlineData(nameof(BlazorHubMethods.OnRenderCompleted), true)]
    [InlineData(nameof(BlazorHubMethods.EndInvokeJSFromDotNet), true)]
    [InlineData(nameof(BlazorHubMethods.BeginInvokeDotNetFromJS), false)]
    [InlineData(nameof(BlazorHubMethods.OnLocationChanged), false)]
    [InlineData(nameof(BlazorHubMethods.UpdateRootComponents), false)]
    [InlineData(nameof(BlazorHubMethods.ReceiveJSDataChunk), false)]
    public async Task Only_answers_to_the_server_are_marked_and_only_while_they_run(string method, bool answer)
    {
        var filter = new CircuitCallKinds();
        var context = new HubInvocationContext(new NoCaller(), new ServiceProviderStub(), new BlazorHubMethods(),
            typeof(BlazorHubMethods).GetMethod(method)!, []);
        bool? seenInside = null;

        await filter.InvokeMethodAsync(context, _ =>
        {
            seenInside = CircuitCallKinds.IsAnswerToServer;
            return ValueTask.FromResult<object?>(null);
        });

        Assert.Equal(answer, seenInside);
        Assert.False(CircuitCallKinds.IsAnswerToServer); // not left set for whatever runs next on this flow
    }

    /// <summary>Methods named as Blazor's circuit hub names them (the hub itself is internal).</summary>
    private sealed class BlazorHubMethods : Hub
    {
        public void OnRenderCompleted() { }
        public void EndInvokeJSFromDotNet() { }
        public void BeginInvokeDotNetFromJS() { }
        public void OnLocationChanged() { }
        public void UpdateRootComponents() { }
        public void ReceiveJSDataChunk() { }
    }

    private sealed class NoCaller : HubCallerContext
    {
        public override string ConnectionId => "test";
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() { }
    }

    private sealed class ServiceProviderStub : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}

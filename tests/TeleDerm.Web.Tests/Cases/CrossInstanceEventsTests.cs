using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Events;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Cases;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Cases;

/// <summary>Two app instances on one real PostgreSQL database: an event published in one reaches the other's screens.</summary>
public sealed class CrossInstanceEventsTests : IDisposable
{
    private readonly TeleDermAppFactory first;
    private readonly TeleDermAppFactory second;

    public CrossInstanceEventsTests()
    {
        var database = PostgresServer.Shared.CreateDatabase();
        Dictionary<string, string?> Settings() => new()
        {
            ["TeleDerm:Database:Provider"] = "PostgreSql",
            ["TeleDerm:Database:ConnectionString"] = database,
        };
        first = new TeleDermAppFactory(Settings());
        // Instances of one department share their data folder's key ring (docs/security.md: several instances).
        var shared = Settings();
        shared["TeleDerm:DataDirectory"] = first.DataDirectory;
        second = new TeleDermAppFactory(shared);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }

    private static async Task<PostgresCaseEventRelay> StartedRelayAsync(TeleDermAppFactory app)
    {
        _ = app.CreateClient();
        var relay = app.Services.GetRequiredService<PostgresCaseEventRelay>();
        await relay.Listening.WaitAsync(TimeSpan.FromSeconds(20));
        return relay;
    }

    [Fact]
    public async Task An_event_published_in_one_instance_reaches_the_other_once_and_is_not_echoed_back()
    {
        var publisher = await StartedRelayAsync(first);
        await StartedRelayAsync(second);
        var inSecond = new TaskCompletionSource<CaseEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var countInFirst = 0;
        using var secondSubscription = second.Services.GetRequiredService<InProcessCaseEvents>().Subscribe(e => inSecond.TrySetResult(e));
        using var firstSubscription = first.Services.GetRequiredService<InProcessCaseEvents>().Subscribe(_ => Interlocked.Increment(ref countInFirst));

        var sent = new CaseEvent(Guid.NewGuid(), Guid.NewGuid(), "gp-7", CaseEventKind.StatusChanged, new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc));
        publisher.Publish(sent);

        Assert.Equal(sent, await inSecond.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Task.Delay(500); // room for a wrong echo to arrive
        Assert.Equal(1, countInFirst);
    }
}

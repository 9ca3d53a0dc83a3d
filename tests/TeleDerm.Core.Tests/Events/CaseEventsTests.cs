using System.Globalization;
using TeleDerm.Core.Events;

namespace TeleDerm.Core.Tests.Events;

public sealed class CaseEventsTests
{
    private static CaseEvent AnEvent() => new(Guid.NewGuid(), Guid.NewGuid(), "gp", CaseEventKind.MessageAdded, DateTime.UtcNow);

    [Fact]
    public async Task A_subscriber_hears_the_event_in_its_own_culture_not_the_publishers()
    {
        var events = new InProcessCaseEvents();
        string? heardIn = null;
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // The French GP's page subscribes...
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
            using var subscription = events.Subscribe(_ => heardIn = CultureInfo.CurrentUICulture.Name + "/" + CultureInfo.CurrentCulture.Name);

            // ...and an English dermatologist's action publishes, from another thread.
            await Task.Run(() =>
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
                events.Publish(AnEvent());
                Assert.Equal("en-US", CultureInfo.CurrentUICulture.Name); // the publisher's own culture is untouched
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }

        Assert.Equal("fr-FR/fr-FR", heardIn);
    }

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others_and_a_disposed_one_hears_nothing()
    {
        var events = new InProcessCaseEvents();
        var heard = new List<string>();
        using var failing = events.Subscribe(_ => throw new InvalidOperationException("a closed page"));
        var gone = events.Subscribe(_ => heard.Add("gone"));
        using var kept = events.Subscribe(_ => heard.Add("kept"));
        gone.Dispose();

        events.Publish(AnEvent());

        Assert.Equal(["kept"], heard);
    }
}

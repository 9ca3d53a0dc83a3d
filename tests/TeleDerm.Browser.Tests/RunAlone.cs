namespace TeleDerm.Browser.Tests;

/// <summary>
/// Journeys that load the machine on their own (a server restart, the demo department's seeding, axe on every page)
/// run after the others, one at a time: run beside them on 2 cores, they slowed other journeys' sign-ins past
/// their timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Run alone";
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TeleDerm.Testing.Web;

/// <summary>
/// The last warnings and errors an app under test logged, kept so that a test failing only in full runs (never
/// alone) can say what the server said at the time instead of leaving a console nobody reads.
/// </summary>
public sealed class RecentServerProblems : ILoggerProvider
{
    private const int Kept = 3000;
    private readonly ConcurrentQueue<string> entries = new();
    private readonly ConcurrentBag<string> verboseCategories = [];

    /// <summary>
    /// Also keeps what categories starting with <paramref name="prefix"/> log below warning level (a test chasing
    /// a flaky failure); the app's logging settings must let those levels through too.
    /// </summary>
    public void AlsoKeep(string prefix) => verboseCategories.Add(prefix);

    /// <summary>Oldest first, each "HH:mm:ss.fff Level Category: message (exception)".</summary>
    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        entries.Enqueue(entry);
        while (entries.Count > Kept && entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(RecentServerProblems owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (logLevel != LogLevel.None && owner.verboseCategories.Any(category.StartsWith));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
                owner.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{error}");
            }
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;

namespace TeleDerm.Web.Features.Cases;

/// <summary>
/// Carries case events between app instances that share one PostgreSQL database (no Redis client in our
/// registry): every event published here goes to this instance's subscribers and, through pg_notify, to
/// the other instances, whose listener republishes it locally. Each instance skips its own notifications.
/// With SQLite (one instance) it only publishes locally.
/// </summary>
public sealed class PostgresCaseEventRelay(
    IOptions<DatabaseOptions> database,
    InProcessCaseEvents local,
    ILogger<PostgresCaseEventRelay> logger) : BackgroundService, ICaseEventPublisher
{
    // Lower case: LISTEN folds an unquoted name to lower case, pg_notify does not.
    public const string Channel = "telederm_case_events";
    private readonly string origin = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool Enabled => database.Value.Provider == DatabaseProvider.PostgreSql;

    /// <summary>Completes once this instance listens (tests wait for it; publishing never does).</summary>
    public Task Listening => Enabled ? listening.Task : Task.CompletedTask;

    public void Publish(CaseEvent caseEvent)
    {
        local.Publish(caseEvent);
        if (Enabled)
        {
            _ = NotifyAsync(caseEvent);
        }
    }

    private async Task NotifyAsync(CaseEvent caseEvent)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(new Message(origin, caseEvent)));
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Screens of other instances will catch up at their next reload; this instance is already told.
            logger.LogWarning(ex, "Could not notify other instances of case event {Kind} for {CaseId}", caseEvent.Kind, caseEvent.CaseId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) => Receive(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Lost the case event listener; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private void Receive(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(payload);
            if (message is not null && message.Origin != origin)
            {
                local.Publish(message.Event);
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed case event notification");
        }
    }

    private sealed record Message(string Origin, CaseEvent Event);
}

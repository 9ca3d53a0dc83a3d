using Microsoft.Extensions.Options;
using TeleDerm.Core.FollowUps;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Web.Features.Notifications;

/// <summary>
/// Sends the notification outbox's due items every poll interval, on every instance (items are claimed one by one);
/// once a minute at most, a round first adds the reminders of questions that waited too long and the notices of photo
/// follow-ups now due (both are due after days: looking more often would only read the same rows again).
/// </summary>
public sealed class NotificationDeliveryService(NotificationDelivery delivery, QuestionReminders reminders, FollowUpReminders followUps, IOptions<EmailNotificationOptions> options,
    ILogger<NotificationDeliveryService> logger) : BackgroundService
{
    private static readonly TimeSpan ReminderCheckInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round after one interval: nothing waits on it at start, while the app's first requests do.
        try
        {
            await Task.Delay(options.Value.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var remindersCheckedAt = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow - remindersCheckedAt >= ReminderCheckInterval)
                {
                    await reminders.EnqueueDueAsync(stoppingToken);
                    await followUps.EnqueueDueAsync(stoppingToken);
                    remindersCheckedAt = DateTime.UtcNow;
                }
                while (await delivery.DeliverDueAsync(stoppingToken) > 0)
                {
                    // A full batch: go on at once.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away: the outbox keeps everything; look again at the next interval.
                logger.LogWarning(ex, "Notification delivery could not read the outbox");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

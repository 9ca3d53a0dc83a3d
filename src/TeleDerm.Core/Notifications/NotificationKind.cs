namespace TeleDerm.Core.Notifications;

/// <summary>What a GP is told of outside TeleDerm: something waits for them on one of their requests.</summary>
public enum NotificationKind
{
    /// <summary>A dermatologist asked the GP a question.</summary>
    QuestionAsked = 1,
    /// <summary>The signed report (or an addendum) is ready.</summary>
    ReportSigned = 2,
    /// <summary>A question has waited for the GP's answer longer than the department allows (<see cref="QuestionReminders"/>).</summary>
    QuestionWaiting = 3,
    /// <summary>The dermatologist needs to see the patient in person: the GP arranges the consultation.</summary>
    ConvertedToAppointment = 4,
    /// <summary>A photo follow-up the answer asked for is due (<see cref="FollowUps.FollowUpReminders"/>).</summary>
    FollowUpDue = 5,
}

/// <summary>How a notification leaves TeleDerm.</summary>
public enum NotificationChannel
{
    /// <summary>An e-mail to the GP (<see cref="INotificationSender"/>).</summary>
    Email = 0,
    /// <summary>A signed HTTPS call to the practice's software (<see cref="IWebhookSender"/>, <see cref="PracticeWebhook"/>).</summary>
    Webhook = 1,
}

/// <summary>How a person wants to hear by e-mail of what waits for them (Preferences page).</summary>
public enum EmailNotifications
{
    /// <summary>One e-mail as soon as something waits (the default: a question left unread delays the patient).</summary>
    Immediately = 0,
    /// <summary>One e-mail a day, at the department's digest time, listing everything that waits (none on a day without).</summary>
    DailyDigest = 1,
    /// <summary>No e-mail: the person follows their requests in TeleDerm itself.</summary>
    Off = 2,
}

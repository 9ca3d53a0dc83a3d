using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Notifications;

/// <summary>
/// How one person wants to be told of what waits for them; no row means the default (<see cref="EmailNotifications.Immediately"/>).
/// A table of its own rather than columns of the accounts table, which Identity owns.
/// </summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = "";
    public EmailNotifications Email { get; set; }

    public static async Task<EmailNotifications> EmailOfAsync(TeleDermDbContext db, string userId, CancellationToken cancellationToken = default) =>
        await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => (EmailNotifications?)p.Email)
            .SingleOrDefaultAsync(cancellationToken) ?? EmailNotifications.Immediately;

    /// <summary>Records the person's choice (saved with the context's next SaveChanges; what a digest held is released at once).</summary>
    public static async Task SetEmailAsync(TeleDermDbContext db, string userId, EmailNotifications email, CancellationToken cancellationToken = default)
    {
        var preference = await db.Set<NotificationPreference>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            db.Add(new NotificationPreference { UserId = userId, Email = email });
        }
        else
        {
            preference.Email = email;
        }
        if (email != EmailNotifications.DailyDigest)
        {
            // What a digest held until tomorrow morning follows the new choice now (sent at once, or settled unsent).
            await db.Set<NotificationOutboxItem>()
                .Where(i => i.RecipientUserId == userId && i.Channel == NotificationChannel.Email && i.DoneAtUtc == null && i.Attempts == 0)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.NextAttemptAtUtc, i => i.CreatedAtUtc), cancellationToken);
        }
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> preference)
    {
        preference.ToTable("NotificationPreferences");
        preference.HasKey(p => p.UserId);
        preference.HasOne<TeleDermUser>().WithOne().HasForeignKey<NotificationPreference>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

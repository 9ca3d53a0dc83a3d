using Microsoft.EntityFrameworkCore;

namespace TeleDerm.Core.Audit;

/// <summary>Filters of the admin audit page and of the CSV export; every filter is optional.</summary>
public sealed record AuditFilter(
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    string? User = null,
    string? Action = null,
    string? RecordId = null,
    AuditOutcome? Outcome = null)
{
    /// <summary>Filters over whole days, both inclusive, as people pick them (the page's dates and the CSV export's from/to).</summary>
    public static AuditFilter ForDays(DateOnly? firstDay, DateOnly? lastDay, string? user = null, string? action = null,
        string? recordId = null, AuditOutcome? outcome = null) => new(
        firstDay?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        lastDay?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        user, action, recordId, outcome);

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (FromUtc is { } from)
        {
            entries = entries.Where(e => e.AtUtc >= from);
        }
        if (ToUtc is { } to)
        {
            entries = entries.Where(e => e.AtUtc < to);
        }
        if (!string.IsNullOrWhiteSpace(User))
        {
            var user = User.Trim();
            entries = entries.Where(e => e.UserName == user || e.UserId == user);
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            entries = entries.Where(e => e.Action.StartsWith(action));
        }
        if (!string.IsNullOrWhiteSpace(RecordId))
        {
            var record = RecordId.Trim();
            entries = entries.Where(e => e.RecordId == record || e.PatientId == record);
        }
        if (Outcome is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }
        return entries;
    }
}

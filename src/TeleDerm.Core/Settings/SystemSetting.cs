using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Settings;

/// <summary>A setting administrators change at run time (e.g. the active risk model), shared by every app instance.</summary>
public class SystemSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedByUserId { get; set; }
}

internal sealed class SystemSettingConfiguration : IEntityTypeConfiguration<SystemSetting>
{
    public void Configure(EntityTypeBuilder<SystemSetting> setting)
    {
        setting.ToTable("SystemSettings");
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
        setting.Property(s => s.Value).HasMaxLength(1000);
        setting.Property(s => s.UpdatedByUserId).HasMaxLength(64);
    }
}

public sealed class SystemSettings(IDbContextFactory<TeleDermDbContext> dbFactory, TimeProvider clock)
{
    public const string ActiveRiskModel = "scoring.active-model";

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SystemSetting>().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(string key, string value, string? userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.Set<SystemSetting>().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (setting is null)
        {
            db.Add(setting = new SystemSetting { Key = key });
        }
        setting.Value = value;
        setting.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        setting.UpdatedByUserId = userId;
        await db.SaveChangesAsync(cancellationToken);
    }
}

namespace TeleDerm.Web.Features.Dashboard;

/// <summary>The period and department the dashboard shows, cascaded to its figures for their CSV links.</summary>
public sealed record DashboardScope(DateOnly FirstDay, DateOnly LastDay, Guid? Department)
{
    public string CsvUrl(string table) =>
        $"dashboard/export/{table}.csv?from={FirstDay:yyyy-MM-dd}&to={LastDay:yyyy-MM-dd}" + (Department is { } d ? $"&department={d}" : "");
}

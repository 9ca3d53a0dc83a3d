using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Localization;
using Npgsql;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// While the database cannot be reached (restarting, failing over, a network cut, out of connections), a
/// request gets a clean 503 with Retry-After, as problem details on the API and a sentence on pages, instead of
/// an error page or a dropped connection; the app keeps running and, once the database is back, the next
/// request works (the connection pool drops broken connections by itself). Nothing a refused request sent is
/// half-saved: the use cases commit in one transaction, and practice software retries with its Idempotency-Key.
/// </summary>
public sealed class DatabaseOutage(RequestDelegate next, ILogger<DatabaseOutage> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context, ApiProblems problems, IStringLocalizer<Texts> text)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (IsOutage(error) && !context.Response.HasStarted)
        {
            // The path names records by identifier only; the query string is left out (it may hold a search).
            logger.LogWarning(error, "The database is unreachable: {Method} {Path} was answered 503", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await problems.RetryLater(StatusCodes.Status503ServiceUnavailable, "DatabaseUnavailable", RetryAfterSeconds).ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text["Outage.DatabaseUnavailable"]);
        }
    }

    /// <summary>
    /// Whether the failure is the database being out of reach rather than a fault of the request or the code:
    /// a transient provider error (connection refused or closed, the server shutting down, no connection left),
    /// found anywhere in the chain (EF Core wraps them).
    /// </summary>
    public static bool IsOutage(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: var state } when state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal):
                case DbException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}

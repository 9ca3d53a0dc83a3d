using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Hosting;

/// <summary>Requests per minute allowed to one client on the endpoints an attacker would hammer (section TeleDerm:RateLimits).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "TeleDerm:RateLimits";

    /// <summary>Posts to the sign-in, two-factor and recovery-code forms, per client address.</summary>
    [Range(1, 1_000_000)] public int SignInPerMinute { get; set; } = 20;

    /// <summary>Intake API calls, per API key (or per address without one).</summary>
    [Range(1, 1_000_000)] public int IntakeApiPerMinute { get; set; } = 120;

    /// <summary>Image requests (rendered, thumbnail, metadata), per signed-in person: a viewer of four panes asks for a few dozen.</summary>
    [Range(1, 1_000_000)] public int ImagesPerMinute { get; set; } = 1200;
}

/// <summary>
/// ASP.NET Core rate limiting on sign-in, the intake API and image rendering: past its allowance a client gets
/// 429 with Retry-After (the seconds until its window opens again), as problem details for the API and images,
/// and as a sentence in the reader's language for the sign-in forms. Other endpoints are not limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddTeleDermRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits.Value));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/account/login"))
        {
            return PerMinute("sign-in:" + address, limits.SignInPerMinute);
        }
        // The FHIR API is the same practice software with the same key: one budget for both.
        if (request.Path.StartsWithSegments("/api/v1/cases") || request.Path.StartsWithSegments(Features.Fhir.FhirEndpoints.Root))
        {
            return PerMinute("intake-api:" + (ApiKeyPrefix(request) ?? address), limits.IntakeApiPerMinute);
        }
        if (request.Path.StartsWithSegments(Features.Viewer.ViewerUrls.DicomWebRoot))
        {
            return PerMinute("images:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? address), limits.ImagesPerMinute);
        }
        return RateLimitPartition.GetNoLimiter("unlimited");
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    /// <summary>The public part of a practice key ("tdk_" and its 8-character prefix), never the secret.</summary>
    private static string? ApiKeyPrefix(HttpRequest request)
    {
        var presented = (request.Headers["X-Api-Key"].FirstOrDefault()
            ?? request.Headers.Authorization.FirstOrDefault()?.Replace("Bearer ", "", StringComparison.OrdinalIgnoreCase))?.Trim();
        return presented is { Length: >= 12 } ? presented[..12] : null;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<Texts>>()["RateLimit.TooMany"].Value;
        if (context.Request.Path.StartsWithSegments("/account"))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text, cancellationToken);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            detail: $"Try again in {seconds} seconds.").ExecuteAsync(context);
    }
}

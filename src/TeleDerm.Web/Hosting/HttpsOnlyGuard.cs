namespace TeleDerm.Web.Hosting;

/// <summary>
/// When TeleDerm is served over HTTPS only, a request that arrives over plain HTTP (a proxy misconfigured, or a
/// client bypassing it) gets nowhere near a page or a cookie: reads are redirected to HTTPS, anything else is
/// refused. The health check stays reachable for load balancers probing over HTTP.
/// </summary>
public sealed class HttpsOnlyGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = $"https://{context.Request.Host.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "TeleDerm is served over HTTPS only.",
            detail: "Send the request to the https:// address.").ExecuteAsync(context);
    }
}

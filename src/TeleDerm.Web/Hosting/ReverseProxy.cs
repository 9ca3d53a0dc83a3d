using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TeleDerm.Web.Hosting;

/// <summary>
/// Section TeleDerm:ReverseProxy: the TLS-terminating proxies (nginx, the hospital's load balancer) whose
/// X-Forwarded-For and X-Forwarded-Proto headers TeleDerm believes. From anyone else those headers are
/// ignored, so a client cannot choose the address the audit trail records, nor pretend to have come over HTTPS.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "TeleDerm:ReverseProxy";

    /// <summary>Addresses of the trusted proxies, e.g. ["10.0.0.5"].</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. ["10.0.0.0/24"].</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public static IEnumerable<ValidationResult> Validate(ReverseProxyOptions options)
    {
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"TeleDerm:ReverseProxy:KnownProxies: '{proxy}' is not an IP address.");
        }
        foreach (var network in options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"TeleDerm:ReverseProxy:KnownNetworks: '{network}' is not a network in CIDR form such as 10.0.0.0/24.");
        }
    }

    /// <summary>The forwarded-headers middleware's options: one hop (the proxy in front of us), only from the known proxies.</summary>
    public ForwardedHeadersOptions ToForwardedHeadersOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The defaults trust loopback; here only what the administrator listed is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
        return options;
    }
}

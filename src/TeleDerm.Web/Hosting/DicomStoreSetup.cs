using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeleDerm.Dicom.Storage;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.DicomWeb;
using TeleDerm.Dicom.Stores.Outbox;

namespace TeleDerm.Web.Hosting;

public enum DicomStoreKind
{
    /// <summary>Part 10 files under the data folder, indexed in the database: the embedded default.</summary>
    FileSystem,

    /// <summary>The hospital's PACS through DICOMweb (STOW-RS through the outbox, WADO-RS), with bounded local copies.</summary>
    DicomWeb,
}

public enum DicomWebAuthentication
{
    None,
    Basic,
    Bearer,
}

/// <summary>Configuration section "TeleDerm:DicomStore": where every photo and report is kept.</summary>
public sealed class DicomStoreOptions
{
    public const string Section = "TeleDerm:DicomStore";

    public DicomStoreKind Kind { get; set; } = DicomStoreKind.FileSystem;

    public DicomWebStoreOptions DicomWeb { get; set; } = new();

    /// <summary>
    /// The file-system store keeps this much free on its disk (which the database and logs often share): a photo that
    /// would leave less is refused with a clear message, and the readiness check turns degraded below it.
    /// </summary>
    public long MinimumFreeMegabytes { get; set; } = 200;

    /// <summary>Why these settings cannot work, or null. Checked at start, so a wrong PACS address stops the app, not the first upload.</summary>
    public string? Problem()
    {
        if (MinimumFreeMegabytes < 0)
            return "TeleDerm:DicomStore:MinimumFreeMegabytes must be 0 or more.";
        if (Kind != DicomStoreKind.DicomWeb)
            return null;
        var web = DicomWeb;
        if (!Uri.TryCreate(web.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return "TeleDerm:DicomStore:DicomWeb:BaseUrl must be the PACS's DICOMweb root, an absolute http or https URL (e.g. https://pacs.example/dicom-web/).";
        if (web.Authentication == DicomWebAuthentication.Basic && (string.IsNullOrEmpty(web.UserName) || string.IsNullOrEmpty(web.Password)))
            return "TeleDerm:DicomStore:DicomWeb: Basic authentication needs UserName and Password.";
        if (web.Authentication == DicomWebAuthentication.Bearer && string.IsNullOrEmpty(web.BearerToken))
            return "TeleDerm:DicomStore:DicomWeb: Bearer authentication needs BearerToken.";
        if (web.Timeout <= TimeSpan.Zero || web.Timeout > TimeSpan.FromMinutes(10))
            return "TeleDerm:DicomStore:DicomWeb:Timeout must be between 1 second and 10 minutes.";
        if (web.LocalCopiesMegabytes < 64)
            return "TeleDerm:DicomStore:DicomWeb:LocalCopiesMegabytes must be at least 64.";
        return null;
    }
}

public sealed class DicomWebStoreOptions
{
    /// <summary>The DICOMweb root of the PACS (Orthanc: http://host:8042/dicom-web/).</summary>
    public string? BaseUrl { get; set; }

    public DicomWebAuthentication Authentication { get; set; } = DicomWebAuthentication.None;

    public string? UserName { get; set; }

    /// <summary>Give it through an environment variable or a secret store, never in a file under version control.</summary>
    public string? Password { get; set; }

    public string? BearerToken { get; set; }

    /// <summary>Longest wait for one request to the PACS.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Local copies of photos (new ones until the PACS has them, read ones for the next reader), at most this many MB.</summary>
    public long LocalCopiesMegabytes { get; set; } = 2048;

    /// <summary>Photos waiting for the PACS beyond which the readiness check reports the store as degraded.</summary>
    public int BacklogWarning { get; set; } = 100;
}

/// <summary>The DICOM store the setting names, and with DICOMweb its outbox, the delivery in the background and a health check.</summary>
public static class DicomStoreSetup
{
    public const string HttpClientName = "dicomweb";

    public static IServiceCollection AddTeleDermDicomStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DicomStoreOptions>().Bind(configuration.GetSection(DicomStoreOptions.Section))
            .Validate(o => o.Problem() is null, "TeleDerm:DicomStore is not valid (the log names the setting).")
            .ValidateOnStart();
        var options = configuration.GetSection(DicomStoreOptions.Section).Get<DicomStoreOptions>() ?? new DicomStoreOptions();
        if (options.Problem() is { } problem)
        {
            throw new OptionsValidationException(DicomStoreOptions.Section, typeof(DicomStoreOptions), [problem]);
        }
        services.AddSingleton<IDicomStoreIndex, EfDicomStoreIndex>();
        if (options.Kind == DicomStoreKind.FileSystem)
        {
            services.AddSingleton(sp => new FileSystemDicomStore(
                Path.Combine(sp.GetRequiredService<IOptions<TeleDermOptions>>().Value.ResolveDataDirectory(), "dicom"),
                sp.GetRequiredService<IDicomStoreIndex>(), sp.GetRequiredService<TimeProvider>(), options.MinimumFreeMegabytes * 1024 * 1024));
            services.AddSingleton<IDicomStore>(sp => sp.GetRequiredService<FileSystemDicomStore>());
            services.AddHealthChecks().AddCheck<DicomStoreRoomHealthCheck>("dicom-store");
            return services;
        }

        var web = options.DicomWeb;
        services.AddHttpClient(HttpClientName, client =>
        {
            client.Timeout = web.Timeout;
            client.DefaultRequestHeaders.Authorization = web.Authentication switch
            {
                DicomWebAuthentication.Basic => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{web.UserName}:{web.Password}"))),
                DicomWebAuthentication.Bearer => new AuthenticationHeaderValue("Bearer", web.BearerToken),
                _ => null,
            };
        });
        services.AddSingleton(sp =>
        {
            var data = sp.GetRequiredService<IOptions<TeleDermOptions>>().Value.ResolveDataDirectory();
            var pacs = new DicomWebStore(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), new Uri(web.BaseUrl!));
            // An entry being sent is claimed for longer than the PACS may take to answer, so no other instance sends it meanwhile.
            var outboxOptions = new DicomOutboxOptions { Claim = TimeSpan.FromTicks(Math.Max(new DicomOutboxOptions().Claim.Ticks, 2 * web.Timeout.Ticks)) };
            return new DicomOutbox(pacs, sp.GetRequiredService<IDicomOutboxQueue>(), Path.Combine(data, "dicom-outbox"), outboxOptions, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IDicomOutboxQueue, EfDicomOutboxQueue>();
        services.AddSingleton<IDicomStore>(sp => new LocalCopyDicomStore(sp.GetRequiredService<DicomOutbox>(),
            Path.Combine(sp.GetRequiredService<IOptions<TeleDermOptions>>().Value.ResolveDataDirectory(), "dicom-copies"), web.LocalCopiesMegabytes * 1024 * 1024));
        services.AddHostedService<DicomOutboxDelivery>();
        services.AddHealthChecks().AddCheck<DicomOutboxHealthCheck>("dicom-outbox");
        return services;
    }
}

/// <summary>Sends what waits in the outbox to the PACS, for as long as the app runs.</summary>
public sealed class DicomOutboxDelivery(DicomOutbox outbox, ILogger<DicomOutboxDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        logger.LogInformation("Delivering DICOM instances to the PACS through the outbox");
        await outbox.RunDeliveryAsync(stoppingToken);
    }
}

/// <summary>Readiness: the photos waiting for the PACS (data "pending"); degraded past the configured backlog.</summary>
public sealed class DicomOutboxHealthCheck(DicomOutbox outbox, IOptions<DicomStoreOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await outbox.PendingCountAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["pending"] = pending };
        return pending > options.Value.DicomWeb.BacklogWarning
            ? HealthCheckResult.Degraded($"{pending} DICOM instances wait for the PACS.", data: data)
            : HealthCheckResult.Healthy($"{pending} DICOM instances wait for the PACS.", data);
    }
}

/// <summary>
/// Readiness: the room left on the file-system store's disk (data "freeMegabytes", above what it keeps free);
/// degraded once a photo no longer fits: cases can still be read and answered, new photos are refused.
/// </summary>
public sealed class DicomStoreRoomHealthCheck(FileSystemDicomStore store) : IHealthCheck
{
    /// <summary>A 12-megapixel photo as stored (about 4 MB of JPEG); below this much room, intake refuses photos.</summary>
    private const long OnePhoto = 8 * 1024 * 1024;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var room = store.RoomBytes();
        var data = new Dictionary<string, object> { ["freeMegabytes"] = Math.Max(0, room) / (1024 * 1024) };
        return Task.FromResult(room < OnePhoto
            ? HealthCheckResult.Degraded("The image store's disk is full: new photos are refused.", data: data)
            : HealthCheckResult.Healthy($"{room / (1024 * 1024)} MB free for images.", data));
    }
}

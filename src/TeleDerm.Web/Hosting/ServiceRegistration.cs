using TeleDerm.Web.Features.IntakeApi;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Events;
using TeleDerm.Core.Scoring;
using TeleDerm.Core.Settings;
using TeleDerm.Dicom.Storage;
using TeleDerm.Dicom.Stores;
using TeleDerm.Web.Features.Scoring;
using TeleDerm.Web.Features.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Localization;
using TeleDerm.Web.Features.Admin;

namespace TeleDerm.Web.Hosting;

/// <summary>Everything the host registers, one method per concern, so Program.cs reads as a table of contents.</summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddTeleDerm(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TeleDermOptions>()
            .Bind(builder.Configuration.GetSection(TeleDermOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.TimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "TeleDerm:TimeZone must be an IANA time zone id such as Europe/Paris.")
            .ValidateOnStart();
        // Data annotations do not recurse into nested sections: the security section validates on its own.
        builder.Services.AddOptions<SecurityOptions>()
            .Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "TeleDerm:Database:ConnectionString is required when TeleDerm:Database:Provider is PostgreSql.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ClinicalTime>();

        builder.AddDatabase();
        builder.AddAccounts();
        builder.AddUserInterface();
        builder.AddCases();
        builder.AddIntakeApi();
        TeleDerm.Web.Features.Fhir.FhirEndpoints.AddFhirApi(builder);
        builder.AddScoring();
        builder.AddReports();
        TeleDerm.Web.Features.Notifications.NotificationSetup.AddNotifications(builder);
        builder.AddViewer();
        builder.AddTelemetry();

        // Keys outside the web root (the data folder or the database), so that cookies survive a restart; encrypted with the
        // hospital's certificate when one is configured (read here: Data Protection takes it at registration).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("TeleDerm");
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        if (KeyRingCertificate.Load(security) is { } keyRingCertificate)
        {
            dataProtection.ProtectKeysWithCertificate(keyRingCertificate);
        }
        else if (builder.Environment.IsProduction() && !security.AllowUnprotectedKeys)
        {
            // These keys protect sign-in cookies, authenticator secrets and the report-signing keys: in clear, anyone
            // who copies the data folder holds them all.
            throw new InvalidOperationException("TeleDerm:Security:KeyRingCertificatePath is required in Production: without it the Data Protection "
                + "keys (sign-in cookies, report-signing keys) would lie in clear in the data folder. Configure a PKCS#12 certificate, or set "
                + "TeleDerm:Security:AllowUnprotectedKeys=true on a demonstration machine.");
        }
        builder.Services.AddSingleton(new KeyProtection(keyRingProtected: !string.IsNullOrWhiteSpace(security.KeyRingCertificatePath)));
        builder.Services.AddHostedService<KeyProtectionWarning>();
        // The key ring in the data folder (one instance) or in the database (shared by every instance).
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<TeleDermOptions>, ILoggerFactory, IServiceProvider>((keys, options, loggers, services) =>
                keys.XmlRepository = options.Value.Security.KeyStore == KeyStore.Database
                    ? new EntityFrameworkCoreXmlRepository<TeleDermDbContext>(services, loggers)
                    : new FileSystemXmlRepository(Directory.CreateDirectory(Path.Combine(options.Value.ResolveDataDirectory(), "keys")), loggers));
        builder.Services.AddOptions<ReverseProxyOptions>().Bind(builder.Configuration.GetSection(ReverseProxyOptions.Section))
            .Validate(o => !ReverseProxyOptions.Validate(o).Any(), "TeleDerm:ReverseProxy: KnownProxies are IP addresses and KnownNetworks CIDR networks (see docs/security.md).")
            .ValidateOnStart();
        builder.Services.AddHealthChecks().AddDbContextCheck<TeleDermDbContext>("database");
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    private static void AddDatabase(this WebApplicationBuilder builder)
    {
        // A factory for short units of work (audit, interactive pages: a circuit lives too long for one
        // context) and a scoped context for Identity's stores.
        builder.Services.AddDbContextFactory<TeleDermDbContext>((services, o) =>
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = Directory.CreateDirectory(services.GetRequiredService<IOptions<TeleDermOptions>>().Value.ResolveDataDirectory()).FullName;
            var connectionString = database.ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "teleDerm.db")}";
            DatabaseSetup.Configure(o, database.Provider, connectionString);
        });
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContext());
        // The audit chain is sealed with a key kept under Data Protection; its head is anchored in a file of the data folder.
        builder.Services.AddSingleton(sp => AuditSealKeys.LoadOrCreate(sp.GetRequiredService<IDbContextFactory<TeleDermDbContext>>(),
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new AuditCheckpointFile(
            Path.Combine(sp.GetRequiredService<IOptions<TeleDermOptions>>().Value.ResolveDataDirectory(), "audit", "checkpoints.jsonl")));
        builder.Services.AddSingleton<IAuditTrail, AuditTrail>();
        builder.Services.AddSingleton<AuditChainVerifier>();
        builder.Services.AddSingleton<AuditCheckpointWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointWriter>());
    }

    private static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdentityOptions>().Configure<IOptions<TeleDermOptions>>((o, teleDerm) =>
        {
            o.Lockout.MaxFailedAccessAttempts = teleDerm.Value.Security.MaxFailedAccessAttempts;
            o.Lockout.DefaultLockoutTimeSpan = teleDerm.Value.Security.LockoutDuration;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<TeleDermOptions>>((cookie, teleDerm) =>
            cookie.ExpireTimeSpan = teleDerm.Value.Security.IdleTimeout);
        services.AddIdentityCore<TeleDermUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Tokens.AuthenticatorTokenProvider = ReplayProtectedAuthenticatorTokenProvider.ProviderName;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TeleDermDbContext>()
            .AddUserStore<ProtectedTokenUserStore>()
            .AddSignInManager<TeleDermSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(ReplayProtectedAuthenticatorTokenProvider.ProviderName)
            .AddClaimsPrincipalFactory<TeleDermClaimsPrincipalFactory>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "TeleDerm.Session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToAccessDenied = CookieEvents.RedirectToAccessDeniedAsync;
            cookie.Events.OnRedirectToLogin = CookieEvents.RedirectToLoginAsync;
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateCookieAsync;
        });
        // Behind TLS every sign-in cookie is "__Host-" (Secure, Path=/, no Domain: no subdomain can set or read it).
        var httpsOnly = (builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions()).IsHttpsOnly(builder.Environment);
        if (httpsOnly)
        {
            foreach (var (scheme, name) in new[] { (IdentityConstants.ApplicationScheme, "__Host-TeleDerm.Session"), (IdentityConstants.TwoFactorUserIdScheme, "__Host-TeleDerm.TwoFactor") })
            {
                services.PostConfigure<CookieAuthenticationOptions>(scheme, cookie =>
                {
                    cookie.Cookie.Name = name;
                    cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    cookie.Cookie.Path = "/";
                });
            }
            services.PostConfigure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o =>
            {
                o.Cookie.Name = "__Host-TeleDerm.Antiforgery";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Path = "/";
            });
        }
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // Keep "this session passed two-factor" when the cookie's principal is refreshed.
            o.OnRefreshingPrincipal = context =>
            {
                var amr = context.CurrentPrincipal?.FindFirst(TwoFactorSatisfiedRequirement.AmrClaim);
                if (amr is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(amr.Type, amr.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, TwoFactorSatisfiedRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PasswordChosenRequirement>();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SessionValidation>();
        services.AddSingleton<SignInThrottle>();
        services.AddTeleDermRateLimits(builder.Configuration);
        services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        services.AddSingleton<BatchedAccountStandings>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<CircuitHandler, ActorCircuitHandler>();
        services.AddScoped<AuditRecorder>();
        services.AddSingleton<TeleDerm.Core.Administration.Administrators>();
        services.AddSingleton<TeleDerm.Core.Administration.ILetterheadLogos, TeleDerm.Web.Features.Admin.LetterheadLogos>();
        services.AddScoped<TeleDerm.Core.Administration.UserAdministration>();
        services.AddSingleton<TeleDerm.Core.Administration.OrganisationAdministration>();
        services.AddTransient<DemoAccounts>();
        services.AddTransient<TeleDerm.Web.Features.Demo.DemoDepartment>();
    }

    private static void AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceLevels>().Bind(builder.Configuration.GetSection(ServiceLevels.Section)).ValidateDataAnnotations()
            .Validate(s => s.Urgent <= s.Soon && s.Soon <= s.Routine, "TeleDerm:ServiceLevels: Urgent must be at most Soon, and Soon at most Routine.").ValidateOnStart();
        builder.Services.AddOptions<TeleDerm.Core.Billing.BillingOptions>().Bind(builder.Configuration.GetSection(TeleDerm.Core.Billing.BillingOptions.Section))
            .Validate(b => b.Problem() is null, "TeleDerm:Billing: each act needs a code of 1 to 20 characters, an amount from 0 to 10000 and a yearly limit of 0 or more; Currency an ISO 4217 code.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TeleDerm.Core.Billing.BillingStatements>();
        // Due dates are the institution's calendar days.
        builder.Services.AddOptions<TeleDerm.Core.FollowUps.FollowUpOptions>().Bind(builder.Configuration.GetSection(TeleDerm.Core.FollowUps.FollowUpOptions.Section))
            .Configure<ClinicalTime>((o, time) => o.Zone = time.Zone)
            .Validate(o => o.OnTimeDays >= 0 && o.LostAfterDays > o.OnTimeDays, "TeleDerm:FollowUps: OnTimeDays must be 0 or more and LostAfterDays greater than it.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TeleDerm.Core.FollowUps.GpTaskCommands>();
        builder.Services.AddSingleton<TeleDerm.Core.FollowUps.ReferralLetters>();
        builder.Services.AddSingleton<TeleDerm.Core.FollowUps.FollowUpFigures>();
        builder.Services.AddSingleton<TeleDerm.Core.Histology.HistologyCommands>();
        builder.Services.AddSingleton<TeleDerm.Core.Histology.HistologyFigures>();
        builder.Services.AddSingleton<TeleDerm.Core.Dashboard.RetakeFigures>();
        builder.Services.AddSingleton<TeleDerm.Core.Cases.ColleagueOpinions>();
        builder.Services.AddSingleton(sp => new TeleDerm.Core.FollowUps.FollowUpReminders(sp.GetRequiredService<IDbContextFactory<TeleDermDbContext>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<TeleDerm.Core.FollowUps.FollowUpOptions>>().Value));
        builder.Services.AddSingleton<InProcessCaseEvents>();
        // Publishing goes through the relay: local subscribers always, other instances when on PostgreSQL.
        builder.Services.AddSingleton<PostgresCaseEventRelay>();
        builder.Services.AddSingleton<ICaseEventPublisher>(sp => sp.GetRequiredService<PostgresCaseEventRelay>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresCaseEventRelay>());
        builder.Services.AddSingleton<TeleDerm.Core.Cases.Worklist>();
        builder.Services.AddSingleton<TeleDerm.Web.Features.Worklist.SharedWorklistRefresh>();
        builder.Services.AddSingleton<TeleDerm.Web.Features.Worklist.WorklistRowMarkup>();
        builder.Services.AddSingleton<CaseCommands>();
        builder.Services.AddSingleton<CaseQueries>();
        builder.Services.AddSingleton<TeleDerm.Core.Notices.CaseNotices>();
        builder.Services.AddSingleton<SamePersonElsewhere>();
        builder.Services.AddSingleton<TeleDerm.Core.Dashboard.DepartmentDashboard>();
        builder.Services.AddSingleton<TeleDerm.Core.Dashboard.SharedDashboardComparisons>();
        builder.Services.AddSingleton<TeleDerm.Core.Dashboard.DashboardDrillDown>();
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<CaseEventsBroadcaster>();
    }

    /// <summary>The DICOM store behind every image and the background risk scoring of new images.</summary>
    private static void AddScoring(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ModelsOptions>().Bind(builder.Configuration.GetSection(ModelsOptions.Section))
            .Validate(o => o.Folder is null || Directory.Exists(o.Folder), "TeleDerm:Models:Folder names a folder that does not exist.").ValidateOnStart();
        services.AddOptions<ScoringOptions>().Bind(builder.Configuration.GetSection(ScoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SystemSettings>();
        services.AddTeleDermDicomStore(builder.Configuration);
        services.AddSingleton<ActiveRiskModel>();
        services.AddSingleton<IRiskModelCatalogue>(sp => sp.GetRequiredService<ActiveRiskModel>());
        services.AddSingleton<RiskModelAdministration>();
        services.AddSingleton<ILesionImageScorer, DicomLesionImageScorer>();
        services.AddSingleton<ScoringQueue>();
        services.AddSingleton<ScoringWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoringWorker>());
        services.AddSingleton<RiskModelStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<RiskModelStartupCheck>());
        services.AddOptions<TeleDerm.Core.Intake.IntakeOptions>().Bind(builder.Configuration.GetSection(TeleDerm.Core.Intake.IntakeOptions.Section))
            .Validate(o => o.MaxPhotos >= 1 && o.MaxPhotoBytes >= 1 && o.MaxConcurrentDecodes >= 1 && o.MaxPixelsPerRequest >= o.MaxPixelsPerPhoto,
                "TeleDerm:Intake: MaxPhotos, MaxPhotoBytes and MaxConcurrentDecodes must be positive, and MaxPixelsPerRequest at least MaxPixelsPerPhoto.")
            // A native photo is stored as 3 bytes a pixel, and the DICOM reader inflates at most 256 MiB: beyond, it could not be read back.
            .Validate(o => o.MaxPixelsPerPhoto is >= 1 and <= 85_000_000, "TeleDerm:Intake:MaxPixelsPerPhoto must be between 1 and 85000000.")
            .ValidateOnStart();
        services.AddSingleton<TeleDerm.Web.Features.Intake.CasePhotoStore>();
        services.AddSingleton<TeleDerm.Core.Intake.IIntakePhotoStore>(sp => sp.GetRequiredService<TeleDerm.Web.Features.Intake.CasePhotoStore>());
        services.AddSingleton<TeleDerm.Core.Intake.FollowUpPhotos>();
        services.AddSingleton<TeleDerm.Core.Intake.UncommittedPhotos>();
        services.AddHostedService<TeleDerm.Core.Intake.UncommittedPhotoSweeper>();
        services.AddSingleton<TeleDerm.Web.Features.Intake.IntakeDrafts>();
        services.AddHostedService<TeleDerm.Web.Features.Intake.IntakeDraftExpiry>();
        services.AddSingleton<TeleDerm.Core.Intake.IntakeService>();
    }

    /// <summary>Answers and their signed reports: the certificate authority, signing certificates, composition and signing.</summary>
    private static void AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TeleDerm.Web.Features.Reports.ReportOptions>().Bind(builder.Configuration.GetSection(TeleDerm.Web.Features.Reports.ReportOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.LogoPath is null || File.Exists(o.LogoPath), "TeleDerm:Reports:LogoPath names a file that does not exist.").ValidateOnStart();
        services.AddSingleton<TeleDerm.Web.Features.Reports.ReportAuthority>();
        services.AddHostedService<TeleDerm.Web.Features.Reports.ReportAuthorityStartup>();
        services.AddSingleton<TeleDerm.Web.Features.Reports.SigningCredentials>();
        services.AddSingleton<TeleDerm.Web.Features.Reports.CaseReportSigner>();
        services.AddSingleton<TeleDerm.Core.Answers.IReportSigner>(sp => sp.GetRequiredService<TeleDerm.Web.Features.Reports.CaseReportSigner>());
        services.AddSingleton<TeleDerm.Web.Features.Reports.ReportQueries>();
        services.AddSingleton<TeleDerm.Core.Reports.PracticeReports>();
        services.AddSingleton<TeleDerm.Core.Answers.AnswerCommands>();
        services.AddScoped<TeleDerm.Core.Answers.ReportSigningService>();
    }

    /// <summary>The image viewer: images over DICOMweb paths, who may see them, annotations and measurements.</summary>
    private static void AddViewer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TeleDerm.Core.Viewer.ViewerAccess>();
        services.AddSingleton<TeleDerm.Core.Viewer.ViewerQueries>();
        services.AddSingleton<TeleDerm.Core.Viewer.AnnotationQueries>();
        services.AddSingleton<TeleDerm.Core.Viewer.AnnotationCommands>();
        services.AddSingleton<TeleDerm.Web.Features.Viewer.ImageRenderer>();
        services.AddSingleton<TeleDerm.Web.Features.Viewer.ImageViewAudit>();
        services.AddOptions<TeleDerm.Web.Features.Viewer.Tiles.ViewerTileOptions>()
            .Bind(builder.Configuration.GetSection(TeleDerm.Web.Features.Viewer.Tiles.ViewerTileOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TeleDerm.Web.Features.Viewer.Tiles.ViewerTiles>();
        services.AddSingleton<TeleDerm.Core.Imaging.IImageRenditions>(sp => sp.GetRequiredService<TeleDerm.Web.Features.Viewer.Tiles.ViewerTiles>());
        services.AddHostedService<TeleDerm.Web.Features.Viewer.Tiles.TilePreparation>();
    }

    private static void AddUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        // Texts looked up once per language (CachedTexts): rows of open worklists redraw them at every change.
        builder.Services.AddSingleton<IStringLocalizer<Texts>, CachedTexts>();
        var circuits = builder.Configuration.GetSection(CircuitSettings.Section);
        builder.Services.AddOptions<CircuitSettings>().Bind(circuits).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                var settings = circuits.Get<CircuitSettings>() ?? new CircuitSettings();
                options.DisconnectedCircuitRetentionPeriod = settings.DisconnectedRetention;
                options.DisconnectedCircuitMaxRetained = settings.MaxDisconnectedRetained;
                options.MaxBufferedUnacknowledgedRenderBatches = settings.MaxBufferedRenderBatches;
            })
            .AddHubOptions(options =>
            {
                var settings = circuits.Get<CircuitSettings>() ?? new CircuitSettings();
                // The server's own pings stay at SignalR's 15 s: the browser gives up on a silent server after 30 s.
                options.ClientTimeoutInterval = settings.ClientTimeout;
                options.MaximumReceiveMessageSize = settings.MaxReceiveMessageBytes;
                options.AddFilter<CircuitCallKinds>();
            });
        builder.Services.AddMudServices();
        // MudBlazor's theme CSS, written once for all pages (ThemeStyles).
        builder.Services.AddSingleton<TeleDerm.Web.Components.Theme.ThemeStyles>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "TeleDerm.Antiforgery");
    }
}

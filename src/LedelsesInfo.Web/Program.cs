using System.Globalization;
using FluentValidation;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Behaviors;
using LedelsesInfo.Application.Caching;
using LedelsesInfo.Application.Features.Home;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Identity.Web;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// Danish for everything the process writes outside a request too (start-up, the log), as the CLI does.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo("da-DK");

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

// Production logs one JSON object per line for the municipality's log collector; elsewhere the readable console (docs/operations.md).
if (builder.Environment.IsProduction() || configuration.GetValue<bool>("Logging:Json"))
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(options =>
    {
        options.IncludeScopes = true;
        options.UseUtcTimestamp = true;
        options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    });
}
// Traces and metrics (ASP.NET Core, EF Core, the runtime, the portal's imports and recomputes) over OTLP, only where
// OTEL_EXPORTER_OTLP_ENDPOINT names a collector (docs/operations.md, "Logs and telemetry"): without one, nothing is instrumented.
if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("ledelsesinfo-web"))
        .WithTracing(tracing => tracing
            .AddSource(LedelsesInfo.Infrastructure.Telemetry.PortalTelemetry.Name)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
            .AddEntityFrameworkCoreInstrumentation()
            .AddOtlpExporter())
        .WithMetrics(metrics => metrics
            .AddMeter(LedelsesInfo.Infrastructure.Telemetry.PortalTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddOtlpExporter());
}
// A stop (a deploy, IIS recycling, docker stop) waits for a running import to commit or roll back its file (docs/operations.md).
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Hosting:ShutdownSeconds", 60)));
// Pages and static files compressed, over https too: the pages' only secret, the antiforgery token, is new in every
// response, so a compression side channel (BREACH) has nothing stable to guess (docs/security.md).
builder.Services.AddResponseCompression(options =>
{
    options.EnableForHttps = true;
    options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
    options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
    options.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
});
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

// Database: SQLite in the data folder unless Database:Provider / ConnectionStrings:Default say otherwise.
var dataFolder = InfrastructureServiceCollectionExtensions.DefaultDataFolder(configuration);
builder.Services.AddLedelsesInfoInfrastructure(DatabaseSettings.From(configuration, dataFolder));
// Imports from the browser and the drop folder, one at a time in the background (docs/formats.md).
LedelsesInfo.Infrastructure.Import.ImportServiceCollectionExtensions.AddLedelsesInfoImportQueue(builder.Services, configuration, dataFolder);

builder.Services.AddMediator(options =>
{
    options.Assemblies = [typeof(GetHome)];
    options.ServiceLifetime = ServiceLifetime.Scoped;
    // Outermost first: the access log is written for every answer, including those the cache serves.
    options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(AccessLogBehavior<,>), typeof(CachingBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<GetHome>(includeInternalTypes: true);
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(_ => new QueryCache(configuration.GetValue("Cache:MaxEntries", 1000)));
builder.Services.AddScoped<RequestVersions>();
builder.Services.AddScoped<StartupRun>();
builder.Services.AddScoped<SharedReads>();
builder.Services.AddSingleton(new CaseSystemLinks(configuration["CaseSystem:CaseUrl"]));
builder.Services.AddSingleton<PaperPdf>();
// The weekly message over SMTP, on its schedule; off unless Notifications:Smtp:Host is set (docs/operations.md).
LedelsesInfo.Infrastructure.Notifications.NotificationServiceCollectionExtensions.AddLedelsesInfoNotifications(builder.Services, configuration, schedule: true);
// Sign-in cookies survive a restart and every instance reads every other's: the keys live in the database, unless a
// key folder is configured; encrypted at rest with a certificate where one is given (docs/security.md, "Keys and secrets").
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("LedelsesInfo");
if (configuration["DataProtection:KeyFolder"] is { Length: > 0 } keyFolder)
{
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
}
else
{
    dataProtection.PersistKeysToDbContext<LedelsesInfoDbContext>();
}
if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
{
    dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
        certificatePath, configuration["DataProtection:CertificatePassword"]));
}
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();

// Sign-in: the development sign-in in Development (or when explicitly enabled outside Production), Entra ID otherwise.
var developmentSignIn = builder.Environment.IsDevelopment() || configuration.GetValue<bool>("Authentication:DevelopmentSignIn");
if (developmentSignIn && builder.Environment.IsProduction())
{
    throw new InvalidOperationException("Authentication:DevelopmentSignIn må ikke være slået til i Production. Brug Entra ID (AzureAd).");
}
builder.Services.AddSingleton(new SignInMode(developmentSignIn));
// Cookies are always Secure in Production; elsewhere (a demo on plain http) when the request is, behind a proxy too.
var secureCookies = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
if (developmentSignIn)
{
    builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
        .AddCookie(options => ConfigureCookie(options, secureCookies));
}
else
{
    if (string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]))
    {
        throw new InvalidOperationException("Entra ID er ikke sat op: angiv AzureAd:TenantId, AzureAd:ClientId og AzureAd:ClientSecret (se docs/operations.md).");
    }
    builder.Services.AddAuthentication(OpenIdConnectDefaults())
        .AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"));
    builder.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options => ConfigureCookie(options, secureCookies, signInPath: false));
    builder.Services.AddScoped<IClaimsTransformation, EntraIdClaimsTransformation>();
}

builder.Services.AddAuthorization(options =>
{
    // Deny by default: every page needs a signed-in user with an audience unless it says otherwise.
    options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience).Build();
    foreach (var audience in Enum.GetValues<Audience>())
    {
        options.AddPolicy(Policies.For(audience), p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience, Code<Audience>.Of(audience)));
    }
    options.AddPolicy(Policies.CommitteeReport, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience,
        Code<Audience>.Of(Audience.Committee), Code<Audience>.Of(Audience.Management), Code<Audience>.Of(Audience.Administrator)));
    options.AddPolicy(Policies.ManagementReport, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience,
        Code<Audience>.Of(Audience.Management), Code<Audience>.Of(Audience.Administrator)));
    options.AddPolicy(Policies.CaseReaders, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience,
        Code<Audience>.Of(Audience.TeamLeader), Code<Audience>.Of(Audience.Caseworker)));
    options.AddPolicy(Policies.Leaders, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience,
        Code<Audience>.Of(Audience.Administrator), Code<Audience>.Of(Audience.Management), Code<Audience>.Of(Audience.TeamLeader)));
    options.AddPolicy(Policies.ActionReaders, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Audience,
        Code<Audience>.Of(Audience.Administrator), Code<Audience>.Of(Audience.Management), Code<Audience>.Of(Audience.TeamLeader), Code<Audience>.Of(Audience.Caseworker)));
});

builder.Services.AddRazorPages(options =>
{
    options.Conventions.ConfigureFilter(new RefusalFilter());
    options.Conventions.ConfigureFilter(new PdfResultFilter());
    options.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
    options.Conventions.AuthorizeFolder("/Fagudvalg", Policies.CommitteeReport);
    options.Conventions.AuthorizeFolder("/Ledelse", Policies.ManagementReport);
    options.Conventions.AuthorizeFolder("/Team", Policies.TeamLeader);
    options.Conventions.AuthorizeFolder("/Mine", Policies.Caseworker);
    options.Conventions.AuthorizeFolder("/Sag", Policies.CaseReaders);
    options.Conventions.AuthorizeFolder("/Frister", Policies.CaseReaders);
    options.Conventions.AuthorizeFolder("/Indstillinger", Policies.CaseReaders);
    options.Conventions.AuthorizeFolder("/Bemaerkninger", Policies.Leaders);
    options.Conventions.AuthorizeFolder("/Handlinger", Policies.ActionReaders);
    options.Conventions.AuthorizePage("/Handlinger/Ny", Policies.Leaders);
    options.Conventions.AllowAnonymousToFolder("/Konto");
    options.Conventions.AllowAnonymousToPage("/Fejl");
    options.Conventions.AllowAnonymousToPage("/Tilgaengelighed");
});

// Danish letters are written as themselves, not as &#xE6; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement, System.Text.Unicode.UnicodeRanges.GeneralPunctuation));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    var danish = new CultureInfo("da-DK");
    options.DefaultRequestCulture = new RequestCulture(danish);
    options.SupportedCultures = [danish];
    options.SupportedUICultures = [danish];
});

// Behind a TLS proxy: its X-Forwarded-For/-Proto are believed from loopback and the proxies named in
// ForwardedHeaders:KnownProxies only, so the request is https and the cookies are Secure (docs/operations.md).
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in (configuration["ForwardedHeaders:KnownProxies"] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }
});
// The antiforgery cookie is Secure as the sign-in cookie is.
builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = secureCookies);

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
    // Production migrates with 'ledelsesinfo migrate' and refuses a database behind the code (docs/operations.md).
    if (configuration.GetValue("Database:MigrateAtStartup", !builder.Environment.IsProduction()))
    {
        await initializer.MigrateAsync();
    }
    else
    {
        await initializer.RequireCurrentAsync();
    }
    if (configuration.GetValue("Demo:SeedOnEmptyDatabase", false))
    {
        await initializer.SeedDemoIfEmptyAsync(Path.Combine(dataFolder, "demo"), configuration.GetValue("Demo:Seed", 1),
            profile: LedelsesInfo.Infrastructure.DemoData.DemoProfile.Named(configuration["Demo:Profile"] ?? "demo"));
    }
    await initializer.CompleteRecomputeAsync();
}

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Fejl");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Fejl", "?kode={0}");
app.UseSecurityHeaders();
app.UseRequestLocalization();
app.UseResponseCompression();
app.UseStaticFiles(new StaticFileOptions
{
    // A file asked for with its fingerprint (asp-append-version's ?v=) never changes under that address: a year, immutable.
    // Without it, the browser asks again each time and gets 304 while the file is the same.
    OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
        context.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache",
});
app.UseRouting();
app.UseRequestConnection();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapRazorPages();

// Before the portal listens: each audience's page shown once in the process, so the first reader's page is as fast as
// the next (docs/decisions/0010).
await Warmup.RunAsync(app.Services, ((IEndpointRouteBuilder)app).DataSources, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LedelsesInfo.Web.Warmup"));
await app.RunAsync();

static string OpenIdConnectDefaults() => Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme;

static void ConfigureCookie(CookieAuthenticationOptions options, CookieSecurePolicy secure, bool signInPath = true)
{
    if (signInPath)
    {
        options.LoginPath = "/Konto/LogInd";
    }
    options.LogoutPath = "/Konto/LogUd";
    options.Cookie.Name = "ledelsesinfo";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = secure;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;
    // A server-side session behind every cookie: signing out, or a move to another unit or role, ends it (Auth/Sessions.cs).
    options.Events.OnSigningIn = Sessions.StartAsync;
    options.Events.OnValidatePrincipal = Sessions.ValidateAsync;
    // A signed-in user who may not open a page gets 403 and the portal's own error page, not a redirect; the attempt is
    // logged as the error page says, with the page asked for (and the case, on a case's page).
    options.Events.OnRedirectToAccessDenied = async context =>
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await PolicyRefusals.LogAsync(context.HttpContext);
    };
}

/// <summary>For WebApplicationFactory in the tests.</summary>
public partial class Program;

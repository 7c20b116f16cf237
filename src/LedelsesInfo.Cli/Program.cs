using System.Globalization;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Cli;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo("da-DK");
var command = CommandLine.Parse(args);
if (command is null)
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

// Configuration the .NET way: appsettings.json, then environment (Database__Provider, ConnectionStrings__Default),
// then --Database:Provider=... style arguments.
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(command.ConfigurationArgs.ToArray())
    .Build();

// The nightly job's import and recompute traced and counted over OTLP, as the web app's, where a collector is named
// (docs/operations.md, "Logs and telemetry"); the providers are disposed at exit, which sends what is buffered.
using var tracing = string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? null
    : OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(LedelsesInfo.Infrastructure.Telemetry.PortalTelemetry.Name)
        .ConfigureResource(r => r.AddService("ledelsesinfo-cli")).AddOtlpExporter().Build();
using var metering = tracing is null ? null
    : OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(LedelsesInfo.Infrastructure.Telemetry.PortalTelemetry.Name)
        .ConfigureResource(r => r.AddService("ledelsesinfo-cli")).AddOtlpExporter().Build();

switch (command.Name)
{
    case "generate":
    {
        DemoProfile profile;
        try
        {
            profile = DemoProfile.Named(command.Option("profile") ?? "demo");
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        if (command.Option("out") is not { Length: > 0 } output)
        {
            Console.Error.WriteLine("Angiv mappen, filerne skal skrives til: --out <mappe>.");
            return 2;
        }
        if (!int.TryParse(command.Option("seed") ?? "1", NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            Console.Error.WriteLine("--seed skal være et helt tal, fx --seed 1.");
            return 2;
        }
        DateOnly to;
        if (command.Option("to") is { } t)
        {
            if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
            {
                Console.Error.WriteLine($"--to skal være en dato som 2026-10-31, ikke '{t}'.");
                return 2;
            }
        }
        else
        {
            to = DemoGenerator.DefaultTo(DanishClock.Instance.Today);
        }
        var summary = new DemoGenerator(profile, seed, to).WriteTo(output);
        foreach (var (file, rows) in summary.RowsPerFile)
        {
            Console.WriteLine($"{file}.csv: {rows:N0} rækker");
        }
        Console.WriteLine($"Profil {profile.Name}, frø {seed}, {summary.From:yyyy-MM-dd} til {summary.To:yyyy-MM-dd}, skrevet til {output}");
        return 0;
    }
    case "import":
    case "migrate":
    {
        await using var services = BuildServices(configuration);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        if (command.Name == "migrate")
        {
            Console.WriteLine("Databasen er opdateret.");
            return 0;
        }
        if (command.Positional.Count == 0)
        {
            Console.Error.WriteLine("Angiv mindst én fil eller mappe at indlæse.");
            return 2;
        }
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        var progress = new Progress<ImportProgress>(p => Console.Error.WriteLine($"  {Path.GetFileName(p.File)}: {p.RowsRead:N0} rækker læst …"));
        var result = await importer.ImportAsync(command.Positional,
            new ImportOptions(command.Flag("strict"), Environment.UserName, progress, DeferDataVersion: !command.Flag("no-recompute")));
        foreach (var file in result.Files)
        {
            Console.WriteLine(file.Summary);
            foreach (var warning in file.Warnings)
            {
                Console.WriteLine($"  advarsel: {warning}");
            }
            foreach (var error in file.Errors.Take(50))
            {
                Console.WriteLine($"  {error}");
            }
            if (file.RowsRejected > 50 || file.Errors.Count > 50)
            {
                Console.WriteLine($"  … se alle fejl i importkørsel {file.BatchId} i portalen");
            }
        }
        // The import left the data version to the recompute (one move for both, so a running portal serves its old answers
        // until the new figures are ready); without a recompute that moves it, it is moved here.
        var versionMoved = command.Flag("no-recompute");
        try
        {
            if (result.Files.Any(f => f.RowsApplied > 0) && !command.Flag("no-recompute"))
            {
                var computed = await RecomputeAsync(scope.ServiceProvider, null, full: false);
                versionMoved = computed is not null;
                if (computed is not null && result.RunId is { } runId)
                {
                    await importer.RecordRecomputeAsync(runId, computed.Elapsed);
                }
            }
        }
        finally
        {
            if (!versionMoved)
            {
                await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().BumpDataVersionAsync();
            }
        }
        ReportPeakMemory();
        return result.ExitCode;
    }
    case "prune-access-log":
    {
        var days = command.Option("days") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1
            : configuration.GetValue("AccessLog:RetentionDays", AccessLogRetention.DefaultDays);
        if (days < AccessLogRetention.MinimumDays)
        {
            Console.Error.WriteLine($"Adgangsloggen skal gemmes i mindst {AccessLogRetention.MinimumDays} dage (et halvt år); --days skal være et helt tal på mindst {AccessLogRetention.MinimumDays}.");
            return 2;
        }
        await using var services = BuildServices(configuration);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var pruned = await scope.ServiceProvider.GetRequiredService<AccessLogRetention>().PruneAsync(days);
        Console.WriteLine($"Adgangsloggen før {pruned.Before:yyyy-MM-dd} er slettet: {pruned.Views:N0} {(pruned.Views == 1 ? "visning" : "visninger")} og {pruned.Days:N0} {(pruned.Days == 1 ? "sagsdag" : "sagsdage")}.");
        return 0;
    }
    case "send-weekly":
    {
        var day = DanishClock.Instance.Today;
        if (command.Option("day") is { } dayText && !DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            Console.Error.WriteLine($"Datoen \"{dayText}\" skal skrives som åååå-mm-dd, fx 2026-12-07.");
            return 2;
        }
        var dryRun = command.Flag("dry-run");
        if (!dryRun && configuration["Notifications:Smtp:Host"] is not { Length: > 0 })
        {
            Console.Error.WriteLine("Der er ikke sat en SMTP-server op (Notifications:Smtp:Host). Brug --dry-run for at se, hvad der ville blive sendt.");
            return 2;
        }
        await using var services = BuildServices(configuration);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var portal = configuration["Notifications:PortalUrl"] is { Length: > 0 } url ? url : "http://localhost:5080";
        var result = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new LedelsesInfo.Application.Features.Worklists.SendWeeklyMessages(day, portal, dryRun));
        Console.WriteLine($"{(dryRun ? "Ville sende" : "Sendt")} for {result.Week.Week}: {result.Sent.Count:N0} beskeder; {result.Week.AlreadySent:N0} var allerede sendt; {result.Week.WithoutAddress:N0} uden e-mailadresse.");
        foreach (var m in result.Sent)
        {
            Console.WriteLine($"{m.Address}: {m.Subject}");
            if (dryRun)
            {
                Console.WriteLine(string.Join(Environment.NewLine, m.Body.Split('\n').Select(l => "    " + l)));
            }
        }
        foreach (var (m, error) in result.Failed)
        {
            Console.Error.WriteLine($"{m.Address}: ikke sendt: {error}");
        }
        return result.Failed.Count == 0 ? 0 : 1;
    }
    case "recompute":
    case "export-kpis":
    {
        await using var services = BuildServices(configuration);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        if (command.Name == "export-kpis" && command.Option("out") is not { Length: > 0 })
        {
            Console.Error.WriteLine("Angiv filen, nøgletallene skal skrives til: --out <fil>.");
            return 2;
        }
        DateOnly? asOf = null;
        if (command.Option("as-of") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                Console.Error.WriteLine($"--as-of skal være en dato som 2026-10-31, ikke '{text}'.");
                return 2;
            }
            asOf = day;
        }
        var computed = await RecomputeAsync(scope.ServiceProvider, asOf, command.Flag("full"));
        if (computed is null)
        {
            Console.Error.WriteLine("Der er ingen data at beregne nøgletal af.");
            return 2;
        }
        if (command.Name == "export-kpis")
        {
            var output = command.Option("out")!;
            var rows = await scope.ServiceProvider.GetRequiredService<LedelsesInfo.Infrastructure.KeyFigures.KpiExport>().WriteAsync(output, computed.AsOf);
            Console.WriteLine($"{rows:N0} rækker skrevet til {output} (opgjort pr. {computed.AsOf:yyyy-MM-dd})");
        }
        ReportPeakMemory();
        return 0;
    }
    default:
        Console.Error.WriteLine(CommandLine.Usage);
        return 2;
}

static async Task<LedelsesInfo.Infrastructure.KeyFigures.RecomputeResult?> RecomputeAsync(IServiceProvider services, DateOnly? asOf, bool full)
{
    var result = await services.GetRequiredService<LedelsesInfo.Infrastructure.KeyFigures.KpiEngine>().RecomputeAsync(asOf, full);
    if (result is not null)
    {
        var scope = result.RecomputedFrom is { } from ? $"perioder fra {from:yyyy-MM-dd} genberegnet, resten overført" : "alle perioder beregnet";
        Console.WriteLine($"Nøgletal beregnet pr. {result.AsOf:yyyy-MM-dd} (historik fra {result.HistoryStart:yyyy-MM-dd}; {scope}): " +
            $"{result.Values:N0} værdier, {result.Deadlines:N0} frister ({result.Elapsed.TotalSeconds:N1} s)");
        if (Profiling())
        {
            foreach (var (step, elapsed) in result.Steps.OrderByDescending(s => s.Elapsed))
            {
                Console.WriteLine($"  {elapsed.TotalMilliseconds,8:N0} ms  {step}");
            }
        }
    }
    return result;
}

// LEDELSESINFO_PROFILE=1: the recompute's slow statements and the process's peak memory are printed (the benchmark reads them).
static bool Profiling() => Environment.GetEnvironmentVariable("LEDELSESINFO_PROFILE") == "1";

// The benchmark reads this line to record the peak memory of an import or a recompute.
static void ReportPeakMemory()
{
    if (Profiling())
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine($"peak_memory_mb={self.PeakWorkingSet64 / 1024 / 1024}");
    }
}

static ServiceProvider BuildServices(IConfiguration configuration)
{
    var services = new ServiceCollection();
    services.AddSingleton(configuration);
    services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
    services.AddMediator(options =>
    {
        options.Assemblies = [typeof(LedelsesInfo.Application.Features.Home.GetHome)];
        options.ServiceLifetime = ServiceLifetime.Scoped;
        options.PipelineBehaviors = [typeof(LedelsesInfo.Application.Behaviors.LoggingBehavior<,>), typeof(LedelsesInfo.Application.Behaviors.ValidationBehavior<,>)];
    });
    FluentValidation.ServiceCollectionExtensions.AddValidatorsFromAssemblyContaining<LedelsesInfo.Application.Features.Home.GetHome>(services, includeInternalTypes: true);
    // What the handlers read alike (the org tree, the snapshots, the targets), kept for the process's one run.
    services.AddSingleton(new LedelsesInfo.Application.Caching.QueryCache(100));
    services.AddScoped<LedelsesInfo.Application.Caching.RequestVersions>();
    services.AddScoped<LedelsesInfo.Application.Abstractions.StartupRun>();
    services.AddScoped<LedelsesInfo.Application.Caching.SharedReads>();
    services.AddLedelsesInfoInfrastructure(DatabaseSettings.From(configuration, InfrastructureServiceCollectionExtensions.DefaultDataFolder(configuration)));
    LedelsesInfo.Infrastructure.Notifications.NotificationServiceCollectionExtensions.AddLedelsesInfoNotifications(services, configuration, schedule: false);
    return services.BuildServiceProvider();
}

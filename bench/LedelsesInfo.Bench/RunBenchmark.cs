using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.DemoData;

namespace LedelsesInfo.Bench;

/// <param name="Seconds">The whole process: start, database check, the work.</param>
/// <param name="WorkSeconds">The recompute's own time as the CLI reports it (without the process's start), for recompute steps.</param>
public sealed record StepResult(string Profile, string Step, long Rows, double Seconds, long? PeakMb, double? WorkSeconds = null);

/// <summary>
/// A page's latencies under load; its first request after start (nothing cached: computed from the database); and the
/// median of requests one at a time with nothing else running.
/// </summary>
public sealed record PageResult(string Profile, string Page, int Requests, int Errors, double P50, double P95, double P99, double FirstMs, double AloneMs);

/// <summary>The load on one profile: back to back (capacity), and paced at <paramref name="Rate"/> pages a second (latency at that load).</summary>
/// <param name="Computed">Per audience, pages nobody had asked for, one at a time (RealisticMix.ComputedAsync).</param>
/// <param name="Mix">The realistic mix back to back, per audience (RealisticMix.LoadAsync); its last column is the slowest request.</param>
public sealed record LoadResult(string Profile, int Clients, int People, double Seconds, int Requests, int Errors, IReadOnlyList<PageResult> Pages,
    double Rate, IReadOnlyList<PageResult> Paced, double PacedThroughput, long? ServerPeakMb,
    IReadOnlyList<PageResult> Computed, IReadOnlyList<PageResult> Mix, double MixThroughput, int MixNew, int MixReaders, string LoadAverage)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>DuckDB's times from the raw files and its figures checked against the portal's, beside the committee page's times.</summary>
public sealed record ComparisonResult(string Profile, string Quarter, IReadOnlyList<double> DuckDbSeconds, PageResult Page, int Figures, int Equal, IReadOnlyList<string> Differences);

/// <summary>
/// The benchmark of issue 7, step by step: generate a profile, import it with the CLI, recompute, then serve it on Kestrel
/// and load the four dashboards from concurrent signed-in clients. Each step runs the built CLI or web app as its own process.
/// </summary>
public static partial class RunBenchmark
{
    /// <summary>Back-to-back load before the measured phases, long enough for the runtime to finish recompiling hot code.</summary>
    private const int WarmUpSeconds = 30;

    public static async Task<(List<StepResult> Steps, List<LoadResult> Loads, List<ComparisonResult> Comparisons, List<string> ImportWindows)> RunAsync(bool quick, TextWriter log)
    {
        var cli = Built("src", "LedelsesInfo.Cli", "ledelsesinfo.dll");
        var web = Built("src", "LedelsesInfo.Web", "LedelsesInfo.Web.dll");
        var profiles = quick ? [DemoProfile.Demo] : new[] { DemoProfile.Demo, DemoProfile.Large, DemoProfile.Large4X };
        var steps = new List<StepResult>();
        var loads = new List<LoadResult>();
        var windows = new List<string>();
        var comparisons = new List<ComparisonResult>();
        var bench = Built("bench", "LedelsesInfo.Bench", "LedelsesInfo.Bench.dll");
        var to = new DateOnly(2026, 10, 31);
        foreach (var profile in profiles)
        {
            var folder = Directory.CreateTempSubdirectory($"ledelsesinfo-bench-{profile.Name}-").FullName;
            try
            {
                var files = Path.Combine(folder, "files");
                var watch = Stopwatch.StartNew();
                var summary = new DemoGenerator(profile, 1, to).WriteTo(files);
                var rows = summary.RowsPerFile.Values.Sum();
                steps.Add(new StepResult(profile.Name, "generate", rows, watch.Elapsed.TotalSeconds, null));
                var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
                steps.Add(await CliStepAsync(log, cli, profile.Name, "import", rows, ["import", files, "--no-recompute", $"--ConnectionStrings:Default={connection}"]));
                steps.Add(await CliStepAsync(log, cli, profile.Name, "full recompute", rows, ["recompute", $"--ConnectionStrings:Default={connection}"]));

                // A copy before the month, for the import-under-load window (the web app imports the same month from its drop folder).
                var beforeMonth = Path.Combine(folder, "before-month.db");
                File.Copy(Path.Combine(folder, "bench.db"), beforeMonth);
                // The access log's own file goes with it (ADR 0013).
                if (LedelsesInfo.Infrastructure.Persistence.AccessLogFile.PathFor($"Data Source={Path.Combine(folder, "bench.db")}") is { } accessLog && File.Exists(accessLog))
                {
                    File.Copy(accessLog, LedelsesInfo.Infrastructure.Persistence.AccessLogFile.PathFor($"Data Source={beforeMonth}")!);
                }

                // One more month: the next month's payments arrive and the key figures are recomputed as of its end.
                var next = Path.Combine(folder, "next");
                Directory.CreateDirectory(next);
                var extra = NextMonthPayments(Path.Combine(files, "payments.csv"), Path.Combine(next, "payments_next.csv"), to);
                steps.Add(await CliStepAsync(log, cli, profile.Name, "import of one more month", extra, ["import", next, "--no-recompute", $"--ConnectionStrings:Default={connection}"]));
                steps.Add(await CliStepAsync(log, cli, profile.Name, "incremental recompute", rows + extra, ["recompute", $"--ConnectionStrings:Default={connection}"]));

                var load = await LoadAsync(log, web, profile.Name, connection, clients: quick ? 4 : 32, seconds: quick ? 3 : 20, warmUpSeconds: quick ? 1 : WarmUpSeconds, rate: quick ? 20 : 300);
                loads.Add(load);
                comparisons.Add(await CompareWithDuckDbAsync(log, bench, profile.Name, files, connection, to, load.Pages[0]));
                windows.Add($"**{profile.Name}.** " + await ImportUnderLoad.RunAsync(beforeMonth, Path.Combine(next, "payments_next.csv"), quick ? 4 : 32, log, quick));
            }
            finally
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Left in the temp folder.
                }
            }
        }
        return (steps, loads, comparisons, windows);
    }

    /// <summary>The load step alone, on a database already imported and recomputed (for trying a change quickly).</summary>
    public static async Task<LoadResult> LoadOnlyAsync(string database, int clients, int seconds, TextWriter log)
    {
        return await LoadAsync(log, Built("src", "LedelsesInfo.Web", "LedelsesInfo.Web.dll"), Path.GetFileNameWithoutExtension(database), $"Data Source={Path.GetFullPath(database)}", clients, seconds, WarmUpSeconds, rate: 300);
    }

    public static string Markdown(List<StepResult> steps, List<LoadResult> loads, List<ComparisonResult> comparisons)
    {
        var text = new StringBuilder();
        if (steps.Count > 0)
        {
            text.AppendLine("| profile | step | rows | seconds (process) | seconds (recompute itself) | peak memory (MB) |").AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var s in steps)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Profile} | {s.Step} | {s.Rows:N0} | {s.Seconds:N1} | {(s.WorkSeconds is { } w ? w.ToString("N1", CultureInfo.InvariantCulture) : "")} | {(s.PeakMb is { } m ? m.ToString(CultureInfo.InvariantCulture) : "")} |");
            }
            text.AppendLine();
        }
        text.AppendLine("The realistic mix (the headline): back to back, each request a weighted audience, a random person of it and any page the product gives them; most answers are not cached when asked for. The last column is the slowest request.").AppendLine()
            .AppendLine("| profile | audience | share | clients | readers | requests | errors | p50 ms | p95 ms | p99 ms | max ms |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in loads)
        {
            foreach (var (p, i) in l.Mix.Select((p, i) => (p, i)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | {p.Page} | {RealisticMix.Audiences[i].Weight:P0} | {l.Clients} | {l.MixReaders} | {p.Requests:N0} | {p.Errors} | {p.P50:N1} | {p.P95:N1} | {p.P99:N1} | {p.AloneMs:N0} |");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | all | | {l.Clients} | {l.MixReaders} | {l.Mix.Sum(p => p.Requests):N0} | {l.Mix.Sum(p => p.Errors)} | throughput {l.MixThroughput:N0} pages/s | {l.MixNew:N0} answers not asked for before | load average after: {l.LoadAverage} | |");
        }
        text.AppendLine().AppendLine("A page computed: pages nobody had asked for (a new quarter, unit and month, week, or caseworker), one at a time with nothing else running.").AppendLine()
            .AppendLine("| profile | audience | pages | errors | median ms | p95 ms | max ms |").AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var l in loads)
        {
            foreach (var p in l.Computed)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | {p.Page} | {p.Requests} | {p.Errors} | {p.P50:N1} | {p.P95:N1} | {p.P99:N1} |");
            }
        }
        text.AppendLine().AppendLine("Back to back, four fixed pages (capacity when every answer is cached): every client sends its next request as soon as the last is answered.").AppendLine()
            .AppendLine("| profile | page | clients | signed-in people | requests | errors | p50 ms | p95 ms | p99 ms | first request ms | alone ms |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in loads)
        {
            foreach (var p in l.Pages)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | {p.Page} | {l.Clients} | {l.People} | {p.Requests:N0} | {p.Errors} | {p.P50:N1} | {p.P95:N1} | {p.P99:N1} | {p.FirstMs:N1} | {p.AloneMs:N1} |");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | all pages | {l.Clients} | {l.People} | {l.Requests:N0} | {l.Errors} | throughput {l.Throughput:N0} pages/s | web server's peak memory {l.ServerPeakMb} MB | | | |");
        }
        text.AppendLine().AppendLine("Paced: the same clients together asking for a fixed number of pages a second.").AppendLine()
            .AppendLine("| profile | page | clients | pages/s asked | requests | errors | p50 ms | p95 ms | p99 ms |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in loads)
        {
            foreach (var p in l.Paced)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | {p.Page} | {l.Clients} | {l.Rate:N0} | {p.Requests:N0} | {p.Errors} | {p.P50:N1} | {p.P95:N1} | {p.P99:N1} |");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Profile} | all pages | {l.Clients} | {l.Rate:N0} | {l.Paced.Sum(p => p.Requests):N0} | {l.Paced.Sum(p => p.Errors)} | served {l.PacedThroughput:N0} pages/s | | |");
        }
        if (comparisons.Count > 0)
        {
            text.AppendLine().AppendLine("DuckDB from the raw files against the portal's committee page (quarter figures U2, B1, F1, O1, O2, H1 for the municipality and each department).").AppendLine()
                .AppendLine("| profile | quarter | DuckDB s (3 runs) | page alone ms | page p95 under load ms | first request ms | DuckDB ÷ page alone | figures | equal to the portal's |")
                .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var c in comparisons)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {c.Profile} | {c.Quarter} | {string.Join(" / ", c.DuckDbSeconds.Select(x => x.ToString("N2", CultureInfo.InvariantCulture)))} | {c.Page.AloneMs:N1} | {c.Page.P95:N1} | {c.Page.FirstMs:N1} | {c.DuckDbSeconds.Min() * 1000 / c.Page.AloneMs:N0}× | {c.Figures} | {c.Equal} |");
            }
            foreach (var c in comparisons.Where(c => c.Differences.Count > 0))
            {
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{c.Profile}: differences: {string.Join("; ", c.Differences)}");
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Runs the DuckDB comparison as its own process (three runs, the first loading DuckDB) on the profile's files, and
    /// checks its numbers against the portal's snapshot for the same quarter.
    /// </summary>
    private static async Task<ComparisonResult> CompareWithDuckDbAsync(TextWriter log, string bench, string profile, string files, string connection, DateOnly to, PageResult page)
    {
        // The committee's default: the last quarter that has ended by the data's date.
        var quarter = LedelsesInfo.Domain.Periods.Of(LedelsesInfo.Domain.PeriodKind.Quarter, to.AddDays(1)).Start.AddDays(-1);
        var key = LedelsesInfo.Domain.Periods.Of(LedelsesInfo.Domain.PeriodKind.Quarter, quarter).Key;
        log.WriteLine($"[{profile}] DuckDB: {key} …");
        var (output, _) = await RunProgramAsync(bench, ["duckdb", "--files", files, "--as-of", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--quarter", key],
            "DuckDB-sammenligningen");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seconds = lines.Where(l => l.StartsWith("seconds=", StringComparison.Ordinal)).Select(l => double.Parse(l[8..], CultureInfo.InvariantCulture)).ToList();
        var duck = lines.Where(l => l.StartsWith("figure=", StringComparison.Ordinal)).Select(l => l[7..].Split(';'))
            .ToDictionary(f => (f[0], f[1]), f => (decimal.Parse(f[2], CultureInfo.InvariantCulture), decimal.Parse(f[3], CultureInfo.InvariantCulture)));

        var portal = new Dictionary<(string, string), (decimal, decimal)>();
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection(connection))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT KpiCode, UnitId, CAST(Numerator AS TEXT), CAST(Denominator AS TEXT) FROM kpi_values " +
                "WHERE AsOf = (SELECT MAX(AsOf) FROM kpi_snapshots) AND PeriodKind = 'kvartal' AND Period = $period";
            command.Parameters.AddWithValue("$period", key);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                portal[(reader.GetString(0), reader.GetString(1))] = (decimal.Parse(reader.GetString(2), NumberStyles.Float, CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? 0 : decimal.Parse(reader.GetString(3), NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }
        var differences = duck.Where(d => !portal.TryGetValue(d.Key, out var p) || Math.Abs(p.Item1 - d.Value.Item1) > 0.005m || Math.Abs(p.Item2 - d.Value.Item2) > 0.005m)
            .Select(d => $"{d.Key.Item1} {d.Key.Item2}: DuckDB {d.Value.Item1}/{d.Value.Item2}, portal {(portal.TryGetValue(d.Key, out var p) ? $"{p.Item1}/{p.Item2}" : "mangler")}")
            .ToList();
        return new ComparisonResult(profile, key, seconds, page, duck.Count, duck.Count - differences.Count, differences);
    }

    private static async Task<StepResult> CliStepAsync(TextWriter log, string cli, string profile, string step, long rows, string[] args)
    {
        log.WriteLine($"[{profile}] {step} …");
        var (output, seconds) = await RunProgramAsync(cli, args, step, profile: true);
        var peak = PeakMemory().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (long?)null;
        var work = RecomputeSeconds().Match(output) is { Success: true } r ? double.Parse(r.Groups[1].Value, CultureInfo.GetCultureInfo("da-DK")) : (double?)null;
        return new StepResult(profile, step, rows, seconds, peak, work);
    }

    /// <summary>Copies the last month's payments one month on, with new ids: what a nightly import of the next month brings.</summary>
    private static long NextMonthPayments(string source, string target, DateOnly to)
    {
        var month = to.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var nextMonth = to.AddDays(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var writer = new StreamWriter(target, false, new UTF8Encoding(true));
        var lines = File.ReadLines(source).ToList();
        writer.WriteLine(lines[0]);
        var rows = 0L;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(';');
            if (f[4].StartsWith(month, StringComparison.Ordinal))
            {
                f[0] = "N" + f[0];
                f[4] = nextMonth + f[4][7..];
                if (DateOnly.TryParseExact(f[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    writer.WriteLine(string.Join(';', f));
                    rows++;
                }
            }
        }
        return rows;
    }

    /// <summary>The web app in Release on its own port (Development, for the development sign-in), started and ready.</summary>
    internal static async Task<(Process Server, string BaseUrl)> StartWebAsync(string web, string connection, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(web);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.WorkingDirectory = Path.GetDirectoryName(web)!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["Demo__SeedOnEmptyDatabase"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DataProtection__KeyFolder"] = Path.Combine(Path.GetDirectoryName(connection["Data Source=".Length..])!, "keys");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await probe.GetAsync($"{baseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        return (server, baseUrl);
    }

    private static async Task<LoadResult> LoadAsync(TextWriter log, string web, string profile, string connection, int clients, int seconds, int warmUpSeconds, double rate)
    {
        var (server, baseUrl) = await StartWebAsync(web, connection, new Dictionary<string, string>());
        using var running = server;
        try
        {
            log.WriteLine($"[{profile}] load: {clients} clients for {seconds} s …");
            // Each client is its own person in each audience (as many as the sign-in page offers): a team leader sees
            // their own team, a caseworker their own cases, so the cache is shared only where the answers are.
            (string Name, string Audience)[] pages =
            [
                ("committee quarter", "fagudvalg"),
                ("management month, department drilled", "forvaltningsledelse"),
                ("team leader's week", "teamleder"),
                ("caseworker's cases", "sagsbehandler"),
            ];
            using var anonymous = new HttpClient();
            var signInPage = await anonymous.GetStringAsync($"{baseUrl}/Konto/LogInd");
            var people = new List<(HttpClient Client, string Path)>[pages.Length];
            for (var p = 0; p < pages.Length; p++)
            {
                people[p] = [];
                var count = Math.Min(clients, Options(signInPage, pages[p].Audience).Count);
                for (var person = 0; person < count; person++)
                {
                    var client = await SignInAsync(baseUrl, pages[p].Audience, person);
                    var path = pages[p].Audience switch
                    {
                        "fagudvalg" => "/Fagudvalg",
                        "teamleder" => "/Team",
                        "sagsbehandler" => "/Mine",
                        _ => $"/Ledelse?unit={RealisticMix.UnitLink().Match(await client.GetStringAsync($"{baseUrl}/Ledelse")).Groups[1].Value}",
                    };
                    people[p].Add((client, path));
                }
            }
            (HttpClient Client, string Path) Session(int c, int p) => people[p][c % people[p].Count];
            // The first request of each page after start: nothing cached, computed from the database.
            var firstMs = new double[pages.Length];
            for (var p = 0; p < pages.Length; p++)
            {
                var watch = Stopwatch.StartNew();
                await Session(0, p).Client.GetStringAsync(baseUrl + Session(0, p).Path);
                firstMs[p] = watch.Elapsed.TotalMilliseconds;
            }
            // Warm-up, not counted: the runtime compiles the hot code again, optimised, from what it has seen it run (tiered
            // compilation); until it is done that compiling takes a third of the two cores. A server that has run since
            // the night import has long finished; the first request above is the cold figure.
            log.WriteLine($"[{profile}] warm-up: {warmUpSeconds} s …");
            var warmUp = await PhaseAsync(null, warmUpSeconds);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{profile}] warm-up: {warmUp.Requests / warmUp.Seconds:F0} pages/s, p95 {warmUp.Pages.Min(r => r.P95):F1}-{warmUp.Pages.Max(r => r.P95):F1} ms, {warmUp.Errors} errors"));
            // The realistic mix's people and their pages; then pages nobody has asked for, one at a time (the computed path).
            var readers = await RealisticMix.ReadersAsync(baseUrl, (audience, person) => SignInAsync(baseUrl, audience, person), audience => Options(signInPage, audience), 100);
            var asked = new HashSet<string>();
            var computed = await RealisticMix.ComputedAsync(profile, baseUrl, readers, asked, 15);
            log.WriteLine($"[{profile}] computed pages: {string.Join(", ", computed.Select(c => $"{c.Page} {c.P50:F1} ms"))}");
            // As fast as the clients can go (capacity), then paced at the target rate (latency at that load).
            var (results, requests, errors, elapsed) = await PhaseAsync(null, seconds);
            var (paced, _, _, pacedElapsed) = await PhaseAsync(rate, seconds);
            // The headline: the realistic mix, back to back.
            log.WriteLine($"[{profile}] realistic mix: {clients} clients for {seconds} s …");
            var mix = await RealisticMix.LoadAsync(profile, baseUrl, readers, asked, clients, seconds);
            var loadAverage = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
            // Each page alone: the median of 20 requests one after another, nothing else running.
            var alone = new double[pages.Length];
            for (var p = 0; p < pages.Length; p++)
            {
                var times = new List<double>();
                for (var i = 0; i < 20; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await Session(0, p).Client.GetStringAsync(baseUrl + Session(0, p).Path);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                alone[p] = times.Order().ElementAt(times.Count / 2);
            }
            foreach (var client in people.SelectMany(p => p).Select(p => p.Client).Concat(readers.SelectMany(r => r).Select(r => r.Client)))
            {
                client.Dispose();
            }
            return new LoadResult(profile, clients, people.Sum(p => p.Count), elapsed, requests, errors,
                results.Select((r, p) => r with { FirstMs = firstMs[p], AloneMs = alone[p] }).ToList(), rate, paced, paced.Sum(r => r.Requests) / pacedElapsed,
                PeakResidentMb(server.Id), computed, mix.Pages, mix.Requests / mix.Seconds, mix.NewCombinations, readers.Sum(r => r.Count), loadAverage);

            // One phase of the load: every client round-robin over the pages, either back to back (rate null) or each
            // starting its requests on a schedule so that together they ask for `rate` pages a second.
            async Task<(List<PageResult> Pages, int Requests, int Errors, double Seconds)> PhaseAsync(double? rate, int seconds)
            {
                var latencies = pages.Select(_ => new List<double>()).ToArray();
                var errors = new int[pages.Length];
                var interval = rate is { } r ? TimeSpan.FromSeconds(clients / r) : TimeSpan.Zero;
                var stop = Stopwatch.StartNew();
                var tasks = Enumerable.Range(0, clients).Select(async c =>
                {
                    var i = c;
                    var next = interval * c / clients;
                    while (stop.Elapsed.TotalSeconds < seconds)
                    {
                        if (rate is not null)
                        {
                            var wait = next - stop.Elapsed;
                            if (wait > TimeSpan.Zero)
                            {
                                await Task.Delay(wait);
                            }
                            next += interval;
                        }
                        var p = i++ % pages.Length;
                        var (client, path) = Session(c, p);
                        var (ms, ok) = await RealisticMix.TimedGetAsync(client, baseUrl + path);
                        lock (latencies[p])
                        {
                            latencies[p].Add(ms);
                            errors[p] += ok ? 0 : 1;
                        }
                    }
                }).ToList();
                await Task.WhenAll(tasks);
                var elapsed = stop.Elapsed.TotalSeconds;
                var results = pages.Select((page, p) =>
                {
                    var sorted = latencies[p].Order().ToList();
                    return new PageResult(profile, page.Name, sorted.Count, errors[p], RealisticMix.Pct(sorted, 0.50), RealisticMix.Pct(sorted, 0.95), RealisticMix.Pct(sorted, 0.99), 0, 0);
                }).ToList();
                return (results, results.Sum(x => x.Requests), results.Sum(x => x.Errors), elapsed);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The people the development sign-in offers for an audience.</summary>
    internal static List<string> Options(string signInPage, string audience)
    {
        var select = Regex.Match(signInPage, $"<select[^>]*id=\"bruger-{audience}\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        return RealisticMix.Option().Matches(select).Select(m => m.Groups[1].Value).ToList();
    }

    internal static async Task<HttpClient> SignInAsync(string baseUrl, string audience, int person)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 64 });
        var page = await client.GetStringAsync($"{baseUrl}/Konto/LogInd");
        var token = Token().Match(page).Groups[1].Value;
        var employee = Options(page, audience)[person];
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["EmployeeId"] = employee, ["__RequestVerificationToken"] = token });
        var response = await client.PostAsync($"{baseUrl}/Konto/LogInd", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Kunne ikke logge ind som {audience}: {response.StatusCode}");
        }
        return client;
    }

    /// <summary>The process's peak resident memory so far (Linux), or null where /proc is not there.</summary>
    private static long? PeakResidentMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// Runs a built program (`dotnet &lt;dll&gt; args`) to its end and returns what it wrote and how long it took; a non-zero
    /// exit fails the benchmark with the program's output. With <paramref name="profile"/> the CLI reports its peak memory.
    /// </summary>
    private static async Task<(string Output, double Seconds)> RunProgramAsync(string dll, IEnumerable<string> args, string what, bool profile = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        if (profile)
        {
            start.Environment["LEDELSESINFO_PROFILE"] = "1";
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} fejlede ({process.ExitCode}): {await output}{await error}");
        }
        return (await output, seconds);
    }

    /// <summary>A project's built program in the benchmark's own configuration (Debug or Release).</summary>
    internal static string Built(string folder, string project, string dll) =>
        Path.Combine(RepoRoot(), folder, project, "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", dll);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LedelsesInfo.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("LedelsesInfo.sln findes ikke over benchmarkens mappe.");
    }

    [GeneratedRegex(@"Nøgletal beregnet .*\((\d+,\d) s\)")]
    private static partial Regex RecomputeSeconds();

    [GeneratedRegex(@"peak_memory_mb=(\d+)")]
    private static partial Regex PeakMemory();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

}

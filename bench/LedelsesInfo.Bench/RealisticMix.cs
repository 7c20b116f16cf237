using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Bench;

/// <summary>
/// The load as a municipality's readers make it: a person of an audience weighted as a municipality has them, each request
/// a combination the product allows (any quarter; any unit under the director and any month; any week; any caseworker), so
/// most answers are not in the cache when they are asked for. Also the computed page per audience: combinations nobody has
/// asked for yet, one at a time, timed alone.
/// </summary>
public static partial class RealisticMix
{
    /// <summary>How often each audience asks, as a municipality has them: many caseworkers, fewer team leaders, a few directors, a committee.</summary>
    public static readonly (string Audience, string Name, double Weight)[] Audiences =
    [
        ("sagsbehandler", "caseworker, any of them", 0.40),
        ("teamleder", "team leader, any week", 0.30),
        ("forvaltningsledelse", "management, any unit and month", 0.20),
        ("fagudvalg", "committee, any quarter", 0.10),
    ];

    /// <summary>A signed-in person with every page they may ask for.</summary>
    public sealed record Reader(HttpClient Client, IReadOnlyList<string> Paths);

    /// <summary>Signs in up to <paramref name="most"/> people of each audience and collects the pages each may ask for from the pages themselves.</summary>
    public static async Task<List<Reader>[]> ReadersAsync(string baseUrl, Func<string, int, Task<HttpClient>> signIn, Func<string, List<string>> people, int most)
    {
        var readers = new List<Reader>[Audiences.Length];
        for (var a = 0; a < Audiences.Length; a++)
        {
            readers[a] = [];
            var count = Math.Min(most, people(Audiences[a].Audience).Count);
            for (var person = 0; person < count; person++)
            {
                var client = await signIn(Audiences[a].Audience, person);
                readers[a].Add(new Reader(client, await PathsAsync(client, baseUrl, Audiences[a].Audience)));
            }
        }
        return readers;
    }

    private static async Task<IReadOnlyList<string>> PathsAsync(HttpClient client, string baseUrl, string audience)
    {
        switch (audience)
        {
            case "fagudvalg":
                return Values(await client.GetStringAsync($"{baseUrl}/Fagudvalg"), "quarter").Select(q => $"/Fagudvalg?quarter={q}").ToList();
            case "teamleder":
                return Values(await client.GetStringAsync($"{baseUrl}/Team"), "week").Select(w => $"/Team?week={w}").ToList();
            case "sagsbehandler":
                return ["/Mine"];
            default:
                // The director's unit, the units under it and the teams under those, each for any of the months offered.
                var top = await client.GetStringAsync($"{baseUrl}/Ledelse");
                var months = Values(top, "month").Take(24).ToList();
                var units = new List<string> { UnitOf().Match(top).Groups[1].Value };
                foreach (var child in UnitLink().Matches(top).Select(m => m.Groups[1].Value).Distinct().ToList())
                {
                    units.Add(child);
                    units.AddRange(UnitLink().Matches(await client.GetStringAsync($"{baseUrl}/Ledelse?unit={child}")).Select(m => m.Groups[1].Value).Distinct());
                }
                return units.Distinct().SelectMany(u => months.Select(m => $"/Ledelse?unit={u}&month={m}")).ToList();
        }
    }

    /// <summary>
    /// The first request of combinations nobody has asked for, one at a time with nothing else running: per audience, the
    /// median and the 95th percentile of up to <paramref name="samples"/> such pages (the caseworkers: different people).
    /// </summary>
    public static async Task<List<PageResult>> ComputedAsync(string profile, string baseUrl, List<Reader>[] readers, HashSet<string> asked, int samples)
    {
        var results = new List<PageResult>();
        var random = new Random(7);
        for (var a = 0; a < Audiences.Length; a++)
        {
            var times = new List<double>();
            var candidates = readers[a].SelectMany(r => r.Paths.Select(p => (r, p))).Where(x => !asked.Contains(Key(readers[a], x.r, x.p))).OrderBy(_ => random.Next()).ToList();
            var errors = 0;
            foreach (var (reader, path) in candidates.Take(samples))
            {
                asked.Add(Key(readers[a], reader, path));
                var (ms, ok) = await TimedGetAsync(reader.Client, baseUrl + path);
                times.Add(ms);
                errors += ok ? 0 : 1;
            }
            var sorted = times.Order().ToList();
            results.Add(new PageResult(profile, Audiences[a].Name, sorted.Count, errors, Pct(sorted, 0.5), Pct(sorted, 0.95), sorted.Count == 0 ? 0 : sorted[^1], 0, 0));
        }
        return results;
    }

    /// <summary>Back to back from <paramref name="clients"/> clients for <paramref name="seconds"/>: each request a weighted audience, a random person of it and a random page of theirs.</summary>
    public static async Task<(List<PageResult> Pages, int Requests, int Errors, double Seconds, int NewCombinations)> LoadAsync(
        string profile, string baseUrl, List<Reader>[] readers, HashSet<string> asked, int clients, int seconds)
    {
        var latencies = Audiences.Select(_ => new List<double>()).ToArray();
        var errors = new int[Audiences.Length];
        var fresh = 0;
        var stop = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(1000 + c);
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                var a = Pick(random);
                var reader = readers[a][random.Next(readers[a].Count)];
                var path = reader.Paths[random.Next(reader.Paths.Count)];
                lock (asked)
                {
                    fresh += asked.Add(Key(readers[a], reader, path)) ? 1 : 0;
                }
                var (ms, ok) = await TimedGetAsync(reader.Client, baseUrl + path);
                lock (latencies[a])
                {
                    latencies[a].Add(ms);
                    errors[a] += ok ? 0 : 1;
                }
            }
        }).ToList();
        await Task.WhenAll(tasks);
        var elapsed = stop.Elapsed.TotalSeconds;
        var pages = Audiences.Select((x, a) =>
        {
            var sorted = latencies[a].Order().ToList();
            return new PageResult(profile, x.Name, sorted.Count, errors[a], Pct(sorted, 0.5), Pct(sorted, 0.95), Pct(sorted, 0.99), 0, sorted.Count == 0 ? 0 : sorted[^1]);
        }).ToList();
        return (pages, pages.Sum(p => p.Requests), pages.Sum(p => p.Errors), elapsed, fresh);
    }

    internal static int Pick(Random random)
    {
        var x = random.NextDouble();
        for (var a = 0; a < Audiences.Length; a++)
        {
            x -= Audiences[a].Weight;
            if (x < 0)
            {
                return a;
            }
        }
        return Audiences.Length - 1;
    }

    /// <summary>What makes an answer its own: the page, and the person where the answer is theirs (caseworkers; team leaders and directors by their unit, which the person stands for here).</summary>
    private static string Key(List<Reader> audience, Reader reader, string path) => $"{audience.IndexOf(reader)}|{path}";

    /// <summary>One request, read to its end: how long it took and whether it answered 200 (a refused connection counts as an error).</summary>
    public static async Task<(double Ms, bool Ok)> TimedGetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            await response.Content.ReadAsByteArrayAsync();
            return (watch.Elapsed.TotalMilliseconds, response.StatusCode == HttpStatusCode.OK);
        }
        catch (HttpRequestException)
        {
            return (watch.Elapsed.TotalMilliseconds, false);
        }
    }

    /// <summary>The q-quantile of sorted latencies (nearest rank).</summary>
    public static double Pct(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static List<string> Values(string page, string name) =>
        Option().Matches(Regex.Match(page, $"<select[^>]*name=\"{name}\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value).Select(m => m.Groups[1].Value).ToList();

    /// <summary>An option of a select on the portal's pages: its value.</summary>
    [GeneratedRegex("<option value=\"([^\"]+)\"")]
    internal static partial Regex Option();

    /// <summary>A link to a unit on the management page (a breadcrumb or a unit of the comparison): its id.</summary>
    [GeneratedRegex(@"href=""\?unit=([^&""]+)&")]
    internal static partial Regex UnitLink();

    [GeneratedRegex(@"<input type=""hidden"" name=""unit"" value=""([^""]+)""")]
    private static partial Regex UnitOf();
}

using System.Net;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// Every page and handler the portal exposes, read from its endpoint data source (so a new one is covered by itself), tried
/// by each audience and by an anonymous visitor, against one table of who may. A page or handler without a row fails.
/// </summary>
public sealed partial class AuthorizationMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string A = "administrator", C = "fagudvalg", M = "forvaltningsledelse", T = "teamleder", S = "sagsbehandler", Anonymous = "anonym";
    private static readonly string[] Everyone = [A, C, M, T, S];
    private static readonly string[] Leaders = [A, M, T];

    /// <summary>Who may use each page and handler: signed-in audiences, and "anonym" where no sign-in is needed. Everyone else is refused (403, or the sign-in page for the anonymous).</summary>
    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["GET /Index"] = Everyone,
        ["GET /Fejl"] = [.. Everyone, Anonymous],
        ["POST /Fejl"] = [.. Everyone, Anonymous],
        ["GET /Tilgaengelighed"] = [.. Everyone, Anonymous],
        ["GET /Konto/LogInd"] = [.. Everyone, Anonymous],
        ["POST /Konto/LogInd"] = [.. Everyone, Anonymous],
        ["GET /Konto/LogUd"] = [.. Everyone, Anonymous],
        ["POST /Konto/LogUd"] = [.. Everyone, Anonymous],
        ["GET /Fagudvalg/Index"] = [A, C, M],
        ["GET /Fagudvalg/Index?handler=Export"] = [A, C, M],
        ["GET /Fagudvalg/Index?handler=Pdf"] = [A, C, M],
        ["GET /Ledelse/Index"] = [A, M],
        ["GET /Ledelse/Index?handler=Export"] = [A, M],
        ["GET /Team/Index"] = [T],
        ["GET /Team/Index?handler=Export"] = [T],
        ["GET /Mine/Index"] = [S],
        ["GET /Mine/Index?handler=Export"] = [S],
        ["GET /Sag/Index"] = [T, S],
        ["GET /Frister/Marker"] = [T, S],
        ["POST /Frister/Marker"] = [T, S],
        ["GET /Indstillinger/Index"] = [T, S],
        ["POST /Indstillinger/Index"] = [T, S],
        ["GET /Admin/UgentligBesked"] = [A],
        ["POST /Admin/UgentligBesked"] = [A],
        ["GET /Katalog/Index"] = Everyone,
        ["GET /Katalog/Noegletal"] = Everyone,
        ["GET /Katalog/Modtagere"] = Everyone,
        ["GET /Katalog/Modtagergruppe"] = Everyone,
        ["GET /Katalog/Indstilling"] = [A],
        ["POST /Katalog/Indstilling"] = [A],
        ["GET /Katalog/Datakvalitet"] = Leaders,
        ["GET /Bemaerkninger/Skriv"] = Leaders,
        ["POST /Bemaerkninger/Skriv"] = Leaders,
        ["POST /Bemaerkninger/Skriv?handler=Withdraw"] = Leaders,
        ["GET /Bemaerkninger/Forventning"] = Leaders,
        ["POST /Bemaerkninger/Forventning"] = Leaders,
        ["GET /Handlinger/Index"] = [A, M, T, S],
        ["GET /Handlinger/Index?handler=Export"] = [A, M, T, S],
        ["POST /Handlinger/Index?handler=Done"] = [A, M, T, S],
        ["GET /Handlinger/Ny"] = Leaders,
        ["POST /Handlinger/Ny"] = Leaders,
        ["GET /Tilsyn/Index"] = [T],
        ["POST /Tilsyn/Index?handler=Plan"] = [T],
        ["GET /Tilsyn/Runde"] = [T],
        ["GET /Tilsyn/Runde?handler=Export"] = [T],
        ["POST /Tilsyn/Runde?handler=Draw"] = [T],
        ["POST /Tilsyn/Runde?handler=Swap"] = [T],
        ["POST /Tilsyn/Runde?handler=Answer"] = [T],
        ["POST /Tilsyn/Runde?handler=Plan"] = [T],
        ["POST /Tilsyn/Runde?handler=SignOff"] = [T],
        ["GET /Tilsyn/Selvevaluering"] = [S],
        ["POST /Tilsyn/Selvevaluering"] = [S],
        ["GET /Tilsyn/Skabeloner"] = Leaders,
        ["POST /Tilsyn/Skabeloner?handler=Save"] = Leaders,
        ["POST /Tilsyn/Skabeloner?handler=Copy"] = Leaders,
        ["GET /Tilsyn/Oversigt"] = [A, M],
        ["GET /Tilsyn/Oversigt?handler=Export"] = [A, M],
        ["GET /Admin/Indlaes"] = [A],
        ["POST /Admin/Indlaes"] = [A],
        ["GET /Admin/Indlaesning"] = [A],
        ["GET /Admin/Indlaesning?handler=Status"] = [A],
        ["GET /Admin/Indlaesning?handler=Errors"] = [A],
        ["POST /Admin/Indlaesning?handler=Confirm"] = [A],
        ["POST /Admin/Indlaesning?handler=Cancel"] = [A],
        ["GET /Admin/Importfiler"] = [A],
        ["GET /Admin/Importfiler?handler=Template"] = [A],
        ["GET /Admin/Importkoersler"] = [A],
        ["GET /Admin/Importkoersel"] = [A],
        ["GET /Admin/Adgangslog"] = [A],
        ["GET /Admin/Adgangslog?handler=Indsigt"] = [A],
    };

    [Fact]
    public async Task Every_page_and_handler_answers_each_audience_and_the_anonymous_as_the_matrix_says()
    {
        var endpoints = await EndpointsAsync();
        var unlisted = endpoints.Keys.Except(Matrix.Keys).ToList();
        Assert.True(unlisted.Count == 0, "Sider eller handlere uden en række i matrixen: " + string.Join(", ", unlisted));
        var gone = Matrix.Keys.Except(endpoints.Keys).ToList();
        Assert.True(gone.Count == 0, "Rækker i matrixen uden en side: " + string.Join(", ", gone));

        var samples = await SamplesAsync();
        var wrong = new List<string>();
        foreach (var who in Everyone.Append(Anonymous))
        {
            using var client = who == Anonymous ? factory.NewClient() : await SignIn.AsAsync(factory, who, who == S ? samples.CaseworkerIndex : 0);
            // Signing out last, so every other row is tried signed in.
            foreach (var (key, path) in endpoints.OrderBy(e => e.Key == "POST /Konto/LogUd").ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                var method = key[..key.IndexOf(' ')];
                var handler = Handler().Match(key) is { Success: true } m ? m.Groups[1].Value : null;
                var url = Url(path, handler, who, samples);
                HttpResponseMessage response;
                if (method == "GET")
                {
                    response = await client.GetAsync(url);
                }
                else
                {
                    var token = SignIn.FormToken(await client.GetStringAsync(who == Anonymous ? "/Konto/LogInd" : "/"));
                    response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                }
                var answer = (int)response.StatusCode >= 500 ? "500"
                    : response.StatusCode == HttpStatusCode.Forbidden ? "403"
                    : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Konto/LogInd", StringComparison.Ordinal) && !key.Contains("/Konto/", StringComparison.Ordinal) ? "log ind"
                    : "tilladt";
                var expected = Matrix[key].Contains(who) ? "tilladt" : who == Anonymous ? "log ind" : "403";
                if (answer != expected)
                {
                    wrong.Add($"{who} {method} {url}: {answer} ({(int)response.StatusCode}), ventet {expected}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>"METHOD /Page/Path[?handler=Name]" for every handler of every Razor page, with the page's URL path.</summary>
    private async Task<Dictionary<string, string>> EndpointsAsync()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                continue;
            }
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            // A page without a model method still answers GET.
            var handlers = compiled.HandlerMethods.Count == 0 ? [("GET", (string?)null)] : compiled.HandlerMethods.Select(h => (h.HttpMethod, h.Name)).ToList();
            foreach (var (method, name) in handlers)
            {
                var key = $"{method.ToUpperInvariant()} {page.ViewEnginePath}{(name is null ? "" : "?handler=" + name)}";
                if (!result.TryGetValue(key, out var existing) || route.Length > existing.Length)
                {
                    result[key] = route;
                }
            }
        }
        return result;
    }

    /// <summary>Rows of the signed-in people's own: the caseworker (<see cref="CaseworkerIndex"/> in the sign-in list) has a self-review.</summary>
    private sealed record Samples(int CaseworkerIndex, string OwnCase, string TeamCase, long Round, long SelfReview, long Batch);

    private async Task<Samples> SamplesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var selfReviewed = await (from c in db.ReviewCases join r in db.ReviewRounds on c.RoundId equals r.Id where r.Mode == Domain.ReviewMode.SelfReviewFirst select c.CaseworkerId).Distinct().ToListAsync();
        var caseworkers = await SignIn.EmployeeIdsAsync(factory, S);
        var caseworkerIndex = caseworkers.FindIndex(selfReviewed.Contains);
        Assert.True(caseworkerIndex >= 0, "ingen sagsbehandler på log ind-siden har en selvevaluering i demodata");
        var caseworker = caseworkers[caseworkerIndex];
        var leader = (await SignIn.EmployeeIdsAsync(factory, T))[0];
        var leaderTeam = await db.Employees.Where(e => e.Id == leader).Select(e => e.UnitId).SingleAsync();
        var ownCase = await db.Cases.Where(c => c.CaseworkerId == caseworker).Select(c => c.Id).FirstAsync();
        var teamCase = await db.Cases.Where(c => c.TeamId == leaderTeam).Select(c => c.Id).FirstAsync();
        var round = await db.ReviewRounds.Where(r => r.TeamId == leaderTeam).Select(r => r.Id).FirstOrDefaultAsync();
        var selfReview = await (from c in db.ReviewCases join r in db.ReviewRounds on c.RoundId equals r.Id
                                where c.CaseworkerId == caseworker && r.Mode == Domain.ReviewMode.SelfReviewFirst select c.Id).FirstAsync();
        var batch = await db.ImportBatches.Select(b => b.Id).FirstAsync();
        return new Samples(caseworkerIndex, ownCase, teamCase, round, selfReview, batch);
    }

    /// <summary>A URL for the page and handler that is the audience's own where the page names a row (a case, a round).</summary>
    private static string Url(string route, string? handler, string who, Samples samples)
    {
        var path = route
            .Replace("{id:long}", route.StartsWith("/Tilsyn/Selvevaluering", StringComparison.Ordinal) ? $"{samples.SelfReview}"
                : route.StartsWith("/Tilsyn/Runde", StringComparison.Ordinal) ? $"{samples.Round}" : $"{samples.Batch}", StringComparison.Ordinal)
            .Replace("{id}", who == T ? samples.TeamCase : samples.OwnCase, StringComparison.Ordinal)
            .Replace("{code}", "B1", StringComparison.Ordinal)
            .Replace("{audience}", "teamleder", StringComparison.Ordinal);
        var query = handler switch
        {
            null => path == "/Admin/Indlaesning" ? "?id=" + Guid.Empty : "",
            "Export" => "?handler=Export&table=ingen&format=csv",
            "Template" => "?handler=Template&kind=cases&format=csv",
            "Status" or "Errors" or "Confirm" or "Cancel" => $"?handler={handler}&id={Guid.Empty}",
            _ => $"?handler={handler}",
        };
        return path + query;
    }

    [GeneratedRegex(@"\?handler=(\w+)$")]
    private static partial Regex Handler();
}

using System.Text.RegularExpressions;

namespace LedelsesInfo.Infrastructure.Tests.Architecture;

/// <summary>
/// Issue 19: every handler's LINQ is translated for SQL Server by the tests that run it (the interceptor is on every
/// Infrastructure test context and on the Web tests' portal). That covers a handler only if some test runs it. This
/// says which messages no test sends: neither an Infrastructure test directly, nor a page or service of the portal that
/// a Web test requests or names, nor a handler that is itself covered. A new message without a test fails here.
/// </summary>
public sealed class SqlServerCoverageTests
{
    [Fact]
    public void Every_message_is_sent_by_a_test_whose_queries_are_translated_for_sql_server()
    {
        var messages = typeof(Application.Abstractions.IAppDbContext).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.Namespace == "Mediator" && i.Name is "IQuery`1" or "ICommand" or "ICommand`1"))
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var infrastructureTests = Text(Source.Files(Path.Combine("tests", "LedelsesInfo.Infrastructure.Tests"), "*.cs"));
        var webTests = Text(Source.Files(Path.Combine("tests", "LedelsesInfo.Web.Tests"), "*.cs"));
        var web = Source.Files(Path.Combine("src", "LedelsesInfo.Web"), "*.cs").ToList();
        var handlers = Source.Files(Path.Combine("src", "LedelsesInfo.Application"), "*.cs").Select(f => (File: f, Text: File.ReadAllText(f))).ToList();

        var covered = messages.Where(m => Sends(infrastructureTests, m)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in web)
        {
            if (Requested(file, webTests))
            {
                covered.UnionWith(messages.Where(m => Sends(File.ReadAllText(file), m)));
            }
        }
        // A message one handler sends to another is covered with the handler that sends it.
        for (var grew = true; grew;)
        {
            var before = covered.Count;
            foreach (var (_, text) in handlers.Where(h => covered.Any(m => Regex.IsMatch(h.Text, $@"\b{m}Handler\b"))))
            {
                covered.UnionWith(messages.Where(m => Sends(text, m)));
            }
            grew = covered.Count > before;
        }

        var missing = messages.Except(covered).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Ingen test sender disse beskeder, så deres forespørgsler oversættes aldrig for SQL Server: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_check_finds_a_message_that_nothing_sends()
    {
        Assert.True(Sends("await mediator.Send(new GetCaseAccess(id), ct);", "GetCaseAccess"));
        Assert.False(Sends("await mediator.Send(new GetCaseAccessReport(id), ct);", "GetCaseAccess"));
        Assert.True(Requested(Path.Combine(Source.Root, "src", "LedelsesInfo.Web", "Pages", "Admin", "Adgangslog.cshtml.cs"), "GetAsync(\"/Admin/Adgangslog?sag=S1\")"));
        Assert.False(Requested(Path.Combine(Source.Root, "src", "LedelsesInfo.Web", "Pages", "Admin", "Adgangslog.cshtml.cs"), "GetAsync(\"/Admin/Indlaes\")"));
    }

    private static string Text(IEnumerable<string> files) => string.Join('\n', files.Select(File.ReadAllText));

    private static bool Sends(string text, string message) => Regex.IsMatch(text, $@"new\s+(?:[\w.]+\.)?{message}\b(?!\w)");

    /// <summary>A page whose address a Web test asks for, or any other class of the portal a Web test names.</summary>
    private static bool Requested(string file, string webTests)
    {
        var pages = Path.Combine(Source.Root, "src", "LedelsesInfo.Web", "Pages");
        if (file.StartsWith(pages, StringComparison.Ordinal) && file.EndsWith(".cshtml.cs", StringComparison.Ordinal))
        {
            var route = "/" + Path.GetRelativePath(pages, file)[..^".cshtml.cs".Length].Replace(Path.DirectorySeparatorChar, '/');
            route = route.EndsWith("/Index", StringComparison.Ordinal) ? route[..^"/Index".Length] : route;
            // The address as the tests write it: in a string, a link pattern, or the authorization matrix ("GET /Tilsyn").
            return route.Length == 0 ? webTests.Contains("\"/\"", StringComparison.Ordinal)
                : Regex.IsMatch(webTests, $@"(?<![\w/.]){Regex.Escape(route)}(?!\w)");
        }
        return Regex.Matches(File.ReadAllText(file), @"\bclass\s+(\w+)").Any(c => Regex.IsMatch(webTests, $@"\b{c.Groups[1].Value}\b"));
    }
}

using System.Text.RegularExpressions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures.Facts;

namespace LedelsesInfo.Infrastructure.Tests.Architecture;

/// <summary>
/// A key figure has one home: its facts are in the catalogue, the engine computes it in exactly one fact module, and
/// its code is written nowhere else. Adding a figure is one catalogue entry and one fact; these tests say what is missing.
/// </summary>
public sealed partial class KeyFigureHomeTests
{
    [Fact]
    public void Every_figure_in_the_catalogue_is_computed_by_exactly_one_fact_module_and_no_module_computes_another()
    {
        var computedBy = KpiFacts.All.SelectMany(m => m.Figures.Select(k => (Figure: k, Module: m.GetType().Name))).ToList();

        var missing = KpiCatalogue.All.Where(k => computedBy.All(c => c.Figure != k)).Select(k => k.Code).ToList();
        var twice = computedBy.GroupBy(c => c.Figure.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({string.Join(", ", g.Select(c => c.Module))})").ToList();
        var orphans = computedBy.Where(c => !KpiCatalogue.All.Contains(c.Figure)).Select(c => $"{c.Figure.Code} in {c.Module}").ToList();

        Assert.True(missing.Count == 0, $"Nøgletal uden et faktamodul i KeyFigures/Facts: {string.Join(", ", missing)}");
        Assert.True(twice.Count == 0, $"Nøgletal beregnet af mere end ét modul: {string.Join("; ", twice)}");
        Assert.True(orphans.Count == 0, $"Faktamoduler med nøgletal, der ikke står i kataloget: {string.Join("; ", orphans)}");
    }

    [Fact]
    public void Every_figure_that_counts_deadlines_names_a_statutory_deadline_and_each_deadline_is_counted_once()
    {
        var counting = KpiCatalogue.All.Where(k => k.CountsDeadline is not null).ToList();

        Assert.Equal([KpiCatalogue.B1, KpiCatalogue.P1, KpiCatalogue.F1, KpiCatalogue.T1], counting);
        Assert.Equal(counting.Count, counting.Select(k => k.CountsDeadline).Distinct().Count());
        Assert.Equal(DeadlineKind.FollowUp, KpiCatalogue.DeadlineCountedBy("f1"));
        Assert.Null(KpiCatalogue.DeadlineCountedBy("U1"));
        Assert.Null(KpiCatalogue.DeadlineCountedBy("findes-ikke"));
    }

    [Fact]
    public void No_figure_code_is_written_as_a_literal_outside_the_catalogue()
    {
        var codes = KpiCatalogue.All.Select(k => Regex.Escape(k.Code));
        var literal = new Regex($"[\"'](?:{string.Join("|", codes)})[\"']");
        var catalogue = Path.Combine("src", "LedelsesInfo.Domain", "KeyFigures", "KpiCatalogue.cs");

        var offenders = (from file in Source.Files("src", "*.cs", "*.cshtml")
                         where !file.EndsWith(catalogue, StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}Migrations", StringComparison.Ordinal)
                         from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
                         where literal.IsMatch(line.text)
                         select $"{Path.GetRelativePath(Source.Root, file)}:{line.number}: {line.text.Trim()}").ToList();

        Assert.True(offenders.Count == 0, "Skriv KpiCatalogue.X1 i stedet for koden:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("Dashboards")]
    [InlineData("Catalogue")]
    [InlineData("ManagementReview")]
    public void A_reader_of_figures_depends_on_the_shared_read_side_never_on_another_reader(string feature)
    {
        string[] readers = ["Dashboards", "Catalogue", "ManagementReview"];
        var others = readers.Where(r => r != feature).ToList();
        var folder = Path.Combine(Source.Root, "src", "LedelsesInfo.Application", "Features", feature);

        var offenders = (from file in Directory.EnumerateFiles(folder, "*.cs")
                         from line in File.ReadLines(file)
                         where others.Any(o => line.Contains($"Features.{o}", StringComparison.Ordinal))
                         select $"{Path.GetFileName(file)}: {line.Trim()}").ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void A_use_case_file_is_named_after_the_message_it_holds()
    {
        var message = MessageDeclaration();
        var misnamed = (from file in Source.Files(Path.Combine("src", "LedelsesInfo.Application", "Features"), "*.cs")
                        let messages = message.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList()
                        where messages.Count > 0 && !messages.Contains(Path.GetFileNameWithoutExtension(file))
                        select $"{Path.GetRelativePath(Source.Root, file)} holds {string.Join(", ", messages)}").ToList();

        Assert.True(misnamed.Count == 0, string.Join("\n", misnamed));
    }

    [Fact]
    public void Nothing_in_the_repository_points_outside_it()
    {
        var outside = new Regex(@"\.\./shared|(?<![\w/.-])shared/(?:domain|kpis|formats|style|toolchain)\.md");
        var offenders = (from file in Source.Files(".", "*.cs", "*.cshtml", "*.md", "*.json", "*.sh", "*.props", "*.csproj", "*.yml", "*.sql", "*.js", "*.css")
                         where !file.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
                         where outside.IsMatch(line.text)
                         select $"{Path.GetRelativePath(Source.Root, file)}:{line.number}").ToList();

        Assert.True(offenders.Count == 0, "Henvisninger uden for repositoriet:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"public sealed record (\w+)\([^)]*\)\s*:\s*(?:IQuery|ICommand|IRequest)<", RegexOptions.Singleline)]
    private static partial Regex MessageDeclaration();
}

/// <summary>The repository's own files, found from the test's folder up to the solution.</summary>
internal static class Source
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Files(string folder, params string[] patterns)
    {
        var sep = Path.DirectorySeparatorChar;
        return patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, folder), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal)
                && !f.Contains($"{sep}.git{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}wwwroot{sep}lib{sep}", StringComparison.Ordinal));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LedelsesInfo.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("LedelsesInfo.sln blev ikke fundet over testens mappe.");
    }
}

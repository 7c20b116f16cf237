using System.Diagnostics;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>Runs the built CLI as a process.</summary>
public static class CliProcess
{
    public static string CliDll()
    {
        // tests/X/bin/<Configuration>/net10.0 -> src/LedelsesInfo.Cli/bin/<Configuration>/net10.0/ledelsesinfo.dll
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "LedelsesInfo.Cli", "bin", configuration, "net10.0", "ledelsesinfo.dll");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>The command line as an operator meets it: a process with arguments, output and an exit code.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Import_exits_0_when_every_row_is_applied_and_prints_a_summary_line_per_file()
    {
        Files.Basics(_db.Folder);

        var (exit, output) = await CliProcess.RunAsync(null, "import", _db.Folder, $"--ConnectionStrings:Default={_db.ConnectionString}");

        Assert.Equal(0, exit);
        Assert.Matches(@"organisation\.csv: 5 rækker læst, 5 indlæst, 0 afvist \(\d+,\d s\)", output);
        Assert.Matches(@"employees\.csv: 4 rækker læst, 4 indlæst, 0 afvist", output);
        await using var db = _db.NewContext();
        Assert.Equal(4, await db.Employees.CountAsync());
    }

    [Fact]
    public async Task Import_exits_1_when_some_rows_are_rejected_and_names_them()
    {
        Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level\nK;;Testkommune;kommune\nT1;K9;Team;team\n");

        var (exit, output) = await CliProcess.RunAsync(null, "import", _db.Folder, $"--ConnectionStrings:Default={_db.ConnectionString}");

        Assert.Equal(1, exit);
        Assert.Contains("organisation.csv, række 3, kolonne parent_id (værdi 'K9'): ukendt overordnet enhed: id'et findes ikke i portalen", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_exits_2_when_a_file_is_refused()
    {
        Files.Csv(_db.Folder, "organisation.csv", "unit_id;name\nK;Testkommune\n");

        var (exit, output) = await CliProcess.RunAsync(null, "import", _db.Folder, $"--ConnectionStrings:Default={_db.ConnectionString}");

        Assert.Equal(2, exit);
        Assert.Contains("organisation.csv: afvist – den påkrævede kolonne level mangler (overskriften er: unit_id, name)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_string_can_come_from_the_environment_the_dotnet_way()
    {
        Files.Basics(_db.Folder);

        var (exit, _) = await CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Default"] = _db.ConnectionString, ["Database__Provider"] = "Sqlite" },
            "import", Path.Combine(_db.Folder, "organisation.csv"));

        Assert.Equal(0, exit);
        await using var db = _db.NewContext();
        Assert.Equal(5, await db.OrgUnits.CountAsync());
    }

    [Fact]
    public async Task Generate_writes_the_demo_profile_and_an_unknown_profile_is_refused()
    {
        var output = Path.Combine(_db.Folder, "gen");

        var (exit, text) = await CliProcess.RunAsync(null, "generate", "--profile", "demo", "--out", output, "--seed", "5", "--to", "2026-06-30");
        var (badExit, badText) = await CliProcess.RunAsync(null, "generate", "--profile", "kæmpe", "--out", output);

        Assert.Equal(0, exit);
        Assert.Contains("Profil demo, frø 5, 2023-07-01 til 2026-06-30", text, StringComparison.Ordinal);
        Assert.Equal(12, Directory.GetFiles(output, "*.csv").Length);
        Assert.NotEqual(0, badExit);
        Assert.Equal(2, badExit);
        Assert.Contains("Ukendt profil 'kæmpe'; brug demo, small, large eller large4x.", badText, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", badText, StringComparison.Ordinal);
    }
}

public sealed class CliExportTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Export_kpis_recomputes_as_of_the_given_date_and_writes_the_documented_file()
    {
        Files.Basics(_db.Folder);
        Files.Csv(_db.Folder, "notifications.csv", "notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on\nN1;T1;B1;;2025-03-03 10:00;2025-03-03 11:00;nej;\nN2;T2;B2;;2025-04-03 10:00;;nej;\n");
        await _db.ImportAsync(_db.Folder);
        var output = Path.Combine(_db.Folder, "noegletal.csv");

        var (exit, text) = await CliProcess.RunAsync(null, "export-kpis", "--out", output, "--as-of", "2025-03-31", $"--ConnectionStrings:Default={_db.ConnectionString}");

        Assert.Equal(0, exit);
        Assert.Contains("rækker skrevet til", text, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("kpi_code;unit_id;period;numerator;denominator;value", lines[0]);
        Assert.Contains("U1;K;2025-Q1;1;;1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("2025-04", StringComparison.Ordinal)); // N2 is after as-of
    }
}

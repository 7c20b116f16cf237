using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// Every raw statement the portal sends SQL Server, proven without a server (issue 19): the engine, the importer, the
/// access log and the migrations run their own code on a context of SQL Server's provider whose connection writes the
/// commands down (<see cref="RecordingSqlServer"/>); SQL Server 2022's parser reads each, and each table and column it
/// names is checked against the SQL Server model (<see cref="TSqlCheck"/>). A statement added later to any of these
/// paths is checked without a change here.
/// </summary>
public sealed class SqlServerStatementTests
{
    private static readonly DateOnly AsOf = new(2026, 10, 31);

    [Fact]
    public async Task Every_statement_of_a_full_and_an_incremental_recompute_is_sql_server_2022_and_names_only_the_models_tables_and_columns()
    {
        using var server = new RecordingSqlServer();

        await new KpiEngine(server.Db).RecomputeAsync(AsOf, full: true);
        await new KpiEngine(server.Db).RecomputeAsync(AsOf);

        NoProblems(new TSqlCheck(server.Db.Model).Problems(server.Commands));
        var texts = server.Commands.Select(c => c.Text).ToList();
        Assert.Contains(texts, t => t.Contains("CREATE TABLE [#kpi_facts]", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("INSERT INTO [kpi_values]", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("UPDATE [data_version]", StringComparison.Ordinal));
        // Every fact module's statements are among them: one fact per figure, each writing into the facts.
        Assert.True(texts.Count(t => t.Contains("INSERT INTO [#kpi_facts]", StringComparison.Ordinal) || t.Contains("INSERT INTO [#kpi_direct]", StringComparison.Ordinal)) >= 10);
    }

    [Fact]
    public async Task Every_statement_of_an_import_of_every_file_is_sql_server_2022_and_names_only_the_models_tables_and_columns()
    {
        using var server = new RecordingSqlServer();
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-tsql-").FullName;
        try
        {
            new DemoGenerator(DemoProfile.Demo, 3, AsOf).WriteTo(folder);

            var result = await new Importer(server.Db, new FixedClock()).ImportAsync([folder], new ImportOptions());

            Assert.Equal(FileSpecs.All.Count, result.Files.Count);
            Assert.All(result.Files, f => Assert.False(f.Refused, f.RefusalReason));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        NoProblems(new TSqlCheck(server.Db.Model).Problems(server.Commands));
        var texts = server.Commands.Select(c => c.Text).ToList();
        Assert.Contains(texts, t => t.StartsWith("MERGE INTO [payments] WITH (HOLDLOCK)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("INSERT INTO [#stage]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_access_logs_insert_and_its_pruning_are_sql_server_2022_and_name_only_the_models_tables_and_columns()
    {
        using var server = new RecordingSqlServer();

        server.Db.InsertAccessLog(new AccessLogView(new DateTime(2026, 11, 2, 9, 0, 0), "sb@kommune.dk", "E1", "/Mine", "så sagerne", ["S1", "S2", null]));
        await new AccessLogRetention(server.Db, new FixedClock()).PruneAsync(AccessLogRetention.DefaultDays);

        NoProblems(new TSqlCheck(server.Db.Model).Problems(server.Commands));
        var texts = server.Commands.Select(c => c.Text).ToList();
        Assert.Contains(texts, t => t.Contains("FROM OPENJSON(@ids)", StringComparison.Ordinal) && t.Contains("WITH (UPDLOCK, HOLDLOCK)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("DELETE FROM [a]", StringComparison.Ordinal) || t.Contains("DELETE FROM [access_log]", StringComparison.Ordinal) || t.Contains("DELETE [a]", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_migration_of_sql_server_is_sql_server_2022_and_its_data_fills_name_only_tables_and_columns_that_exist()
    {
        using var server = new RecordingSqlServer();

        var script = server.Db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [payments]", script, StringComparison.Ordinal);
        NoProblems(new TSqlCheck(server.Db.Model).Problems([new RecordedCommand(script, [], Script: true)]));
    }

    [Fact]
    public void The_check_finds_a_syntax_error_an_unknown_table_an_unknown_column_and_an_unbound_parameter()
    {
        using var server = new RecordingSqlServer();
        var check = new TSqlCheck(server.Db.Model);

        var problems = check.Problems(
        [
            new RecordedCommand("SELECT TOP 1 [Amount] FROM [payments] WHERE", []),
            new RecordedCommand("SELECT p.[Amount] FROM [payment] p", []),
            new RecordedCommand("SELECT p.[Amout] FROM [payments] p", []),
            new RecordedCommand("SELECT p.[Amount] FROM [payments] p WHERE p.[PostedOn] >= @from", []),
            new RecordedCommand("SELECT p.[Amount] FROM [payments] p WHERE p.[PostedOn] >= @from", ["@from"]),
        ]);

        Assert.Collection(problems,
            p => Assert.StartsWith("syntaks:", p, StringComparison.Ordinal),
            p => Assert.StartsWith("tabel payment findes ikke", p, StringComparison.Ordinal),
            p => Assert.StartsWith("kolonne Amout findes ikke", p, StringComparison.Ordinal),
            p => Assert.StartsWith("parameter @from er ikke givet", p, StringComparison.Ordinal));
    }

    private static void NoProblems(List<string> problems) => Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
}

/// <summary>The LINQ side of issue 19: the tests' queries are translated for SQL Server as they run (<see cref="SqlServerTranslation"/>).</summary>
public sealed class SqlServerTranslationTests
{
    [Fact]
    public async Task A_handlers_queries_are_translated_for_sql_server_when_its_test_sends_it()
    {
        using var database = new TestDatabase();

        var catalogue = await database.SendAsync<LedelsesInfo.Application.Features.Catalogue.Catalogue>(
            new LedelsesInfo.Application.Features.Catalogue.GetCatalogue(), new TestUser(Domain.Audience.Administrator, "K", null));

        Assert.NotEmpty(catalogue.Entries);
        Assert.Contains(SqlServerTranslation.Instance.Translated, q => q.Contains("KpiDefinition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_sql_server_cannot_translate_fails_the_test_that_runs_it_though_sqlite_could()
    {
        using var database = new TestDatabase();
        await using var db = database.NewContext();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Payments.Where(p => EF.Functions.Glob(p.Function, "5.28.*")).Select(p => p.Id).ToListAsync());

        Assert.StartsWith("SQL Server kan ikke oversætte forespørgslen", e.Message, StringComparison.Ordinal);
        Assert.Contains("Glob", e.Message, StringComparison.Ordinal);
    }
}

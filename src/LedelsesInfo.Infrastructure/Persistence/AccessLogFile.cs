using System.Data.Common;
using LedelsesInfo.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>
/// On SQLite, the access log in a database file of its own beside the portal's (<c>ledelsesinfo-adgangslog.db</c>),
/// attached to every connection as <see cref="Schema"/>. SQLite has one writer per file: in one file, a recompute or an
/// import held the lock for seconds, and every page that shows cases waited for its view to be logged (docs/performance.md,
/// ADR 0014). In a file of its own the log is written whatever the import does. The tables keep their names, and SQLite
/// finds a table named without a schema in the attached file when the main file has none, so every query is unchanged.
/// Migrations are written for one file: before a migration that touches the log's tables they are brought back into the
/// main file, and after it they are moved out again. SQL Server keeps one database: its locks are by row.
/// </summary>
public static class AccessLogFile
{
    public const string Schema = "adgangslog";

    /// <summary>The log's file beside a SQLite database file, or null for a database in memory.</summary>
    public static string? PathFor(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }
        var full = Path.GetFullPath(builder.DataSource);
        return Path.Combine(Path.GetDirectoryName(full)!, $"{Path.GetFileNameWithoutExtension(full)}-{Schema}{Path.GetExtension(full)}");
    }

    /// <summary>Attaches the log's file to a connection just opened, unless the pooled connection has it already.</summary>
    internal static void Attach(DbConnection connection, string path)
    {
        if (IsAttached(connection))
        {
            return;
        }
        using var attach = connection.CreateCommand();
        attach.CommandText = $"ATTACH DATABASE $path AS {Schema}; PRAGMA {Schema}.synchronous=NORMAL;";
        attach.Parameters.Add(new SqliteParameter("$path", path));
        attach.ExecuteNonQuery();
    }

    /// <summary>
    /// Detaches the log's file from a connection about to hold the database's write lock for long (a recompute, an
    /// import): Microsoft.Data.Sqlite begins transactions IMMEDIATE, which takes the lock of every attached file. The
    /// connection attaches it again when it is next opened from the pool (<see cref="SqlitePragmas.Forget"/>).
    /// </summary>
    public static async Task DetachAsync(DbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || PathOf(db) is null)
        {
            return;
        }
        if (IsAttached(db.Database.GetDbConnection()))
        {
            await db.Database.ExecuteSqlRawAsync($"DETACH DATABASE {Schema}", ct);
            SqlitePragmas.Forget(db.Database.GetDbConnection());
        }
    }

    /// <summary>
    /// A transaction that writes the log only: on SQLite it is begun DEFERRED, so it takes the lock of the log's file
    /// alone, when it first writes, and never waits for the database's.
    /// </summary>
    public static IDbContextTransaction BeginLogTransaction(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            db.Database.OpenConnection();
            return db.Database.UseTransaction(sqlite.BeginTransaction(deferred: true))!;
        }
        return db.Database.BeginTransaction();
    }

    private static bool IsAttached(DbConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = $"SELECT COUNT(*) FROM pragma_database_list WHERE name = '{Schema}'";
        return Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The log's tables, named from the model.</summary>
    private static List<string> Tables(DbContext db) =>
        [db.Model.FindEntityType(typeof(AccessLogEntry))!.GetTableName()!, db.Model.FindEntityType(typeof(AccessLogCaseDay))!.GetTableName()!];

    /// <summary>The log's file that the context's connections attach, or null where the log is in the main database.</summary>
    public static string? PathOf(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqlitePragmas>().FirstOrDefault()?.AccessLogPath;

    private static bool Attached(LedelsesInfoDbContext db) => db.Database.IsSqlite() && PathOf(db) is not null;

    /// <summary>Before migrating: the log's tables back in the main file when a pending migration names them.</summary>
    public static async Task BeforeMigrateAsync(LedelsesInfoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Attached(db))
        {
            return;
        }
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).LastOrDefault();
        if (pending is null || applied is null)
        {
            return; // nothing to apply, or a new database: its log's tables do not exist yet
        }
        var script = db.GetService<IMigrator>().GenerateScript(applied, pending);
        foreach (var table in Tables(db).Where(t => script.Contains($"\"{t}\"", StringComparison.Ordinal)))
        {
            await MoveAsync(db, table, Schema, "main", ct);
        }
    }

    /// <summary>After migrating: the log's tables moved into the log's file (at once for a new or an older database).</summary>
    public static async Task SeparateAsync(LedelsesInfoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Attached(db))
        {
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA {Schema}.journal_mode=WAL;", ct);
            foreach (var table in Tables(db))
            {
                if (!await ExistsAsync(db, "main", table, ct) && !await ExistsAsync(db, Schema, table, ct))
                {
                    throw new InvalidOperationException(
                        $"Adgangsloggens tabel {table} findes hverken i databasen eller i adgangsloggens fil ({PathOf(db)}). Læg filen tilbage fra sikkerhedskopien sammen med databasen (docs/operations.md).");
                }
                await MoveAsync(db, table, "main", Schema, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Moves a table with its indexes and rows from one attached file to the other, if it is in the first. Created where it
    /// is missing from the first file's own definition; rows copied by key, so a move a stopped process left half done is
    /// finished, not doubled; then dropped where it was.
    /// </summary>
    private static async Task MoveAsync(LedelsesInfoDbContext db, string table, string from, string to, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await ExistsAsync(db, from, table, ct))
            {
                return;
            }
            var definitions = await QueryAsync(db, $"SELECT type, sql FROM {from}.sqlite_master WHERE tbl_name = $t AND sql IS NOT NULL ORDER BY type = 'table' DESC", table, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await ExistsAsync(db, to, table, ct))
            {
                foreach (var (type, sql) in definitions)
                {
                    await db.Database.ExecuteSqlRawAsync(Qualified(type, sql, to), ct);
                }
            }
            var columns = string.Join(", ", (await QueryAsync(db, $"SELECT name, type FROM pragma_table_info($t, '{from}')", table, ct)).Select(c => $"\"{c.A}\""));
            // Names from the model and from SQLite's own catalogue, not from input.
            var copy = $"INSERT OR IGNORE INTO {to}.\"{table}\" ({columns}) SELECT {columns} FROM {from}.\"{table}\"; DROP TABLE {from}.\"{table}\";";
            await db.Database.ExecuteSqlRawAsync(copy, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A table's or index's definition as SQLite keeps it, for the other file: its name qualified by that file's schema.</summary>
    private static string Qualified(string type, string sql, string schema)
    {
        var bare = sql.Replace($"\"{Schema}\".", "", StringComparison.Ordinal).Replace($"{Schema}.", "", StringComparison.Ordinal);
        var head = type == "table" ? "CREATE TABLE " : bare.StartsWith("CREATE UNIQUE INDEX ", StringComparison.Ordinal) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
        return string.Concat(head, schema, ".", bare.AsSpan(head.Length));
    }

    private static async Task<bool> ExistsAsync(LedelsesInfoDbContext db, string schema, string table, CancellationToken ct) =>
        (await QueryAsync(db, $"SELECT name, type FROM {schema}.sqlite_master WHERE type = 'table' AND name = $t", table, ct)).Count > 0;

    private static async Task<List<(string A, string B)>> QueryAsync(LedelsesInfoDbContext db, string sql, string table, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter("$t", table));
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        return rows;
    }
}

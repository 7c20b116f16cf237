using System.Collections;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>
/// A SQL Server context with no server behind it: EF's SQL Server provider over a connection that writes down the text
/// of every command it is given and answers each with nothing (no rows, no rows touched). The portal's own code paths
/// (the engine, the importer, the access log) run on it unchanged, so what they would send SQL Server can be read and
/// parsed (<see cref="SqlServerStatementTests"/>).
/// </summary>
public sealed class RecordingSqlServer : IDisposable
{
    public RecordingSqlServer()
    {
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>()
            .UseSqlServer(Connection, o => o.MigrationsAssembly(DatabaseSettings.SqlServerMigrations))
            .Options;
        Db = new LedelsesInfoDbContext(options);
    }

    public RecordingConnection Connection { get; } = new();

    public LedelsesInfoDbContext Db { get; }

    /// <summary>Every command's text so far, in order, with the names of its parameters.</summary>
    public IReadOnlyList<RecordedCommand> Commands => Connection.Commands;

    public void Dispose()
    {
        Db.Dispose();
        Connection.Dispose();
    }
}

/// <summary>A command's text and its parameters' names; a script (migrations) declares its own variables across batches.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<string> Parameters, bool Script = false);

[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Nothing is executed.")]
public sealed class RecordingConnection : DbConnection
{
    private readonly List<RecordedCommand> _commands = [];
    private ConnectionState _state = ConnectionState.Closed;

    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return _commands.ToList();
            }
        }
    }

    internal void Record(RecordedCommand command)
    {
        lock (_commands)
        {
            _commands.Add(command);
        }
    }

    [AllowNull]
    public override string ConnectionString { get; set; } = "Server=recorded;Database=LedelsesInfo;User Id=sa;Password=never-used;TrustServerCertificate=true";

    public override string Database => "LedelsesInfo";

    public override string DataSource => "recorded";

    public override string ServerVersion => "16.00.1000"; // SQL Server 2022

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName)
    {
    }

    public override void Close() => _state = ConnectionState.Closed;

    public override void Open() => _state = ConnectionState.Open;

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new RecordingTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new RecordingCommand(this);
}

public sealed class RecordingTransaction(RecordingConnection connection, IsolationLevel isolationLevel) : DbTransaction
{
    public override IsolationLevel IsolationLevel => isolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
    }

    public override void Rollback()
    {
    }
}

[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Nothing is executed.")]
public sealed partial class RecordingCommand(RecordingConnection connection) : DbCommand
{
    private readonly RecordingParameters _parameters = new();

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; }

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; } = connection;

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        Record();
        return 0;
    }

    public override object? ExecuteScalar()
    {
        Record();
        return null;
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqlParameter();

    /// <summary>
    /// What SQL Server would answer with no rows in its tables: nothing, one row of null for an aggregate (<c>SELECT
    /// MIN(…)</c>), 0 for a count, and for EF's saves what they wait for, so a save goes on to the statements after it: the
    /// new key of an inserted row (<c>OUTPUT INSERTED.[Id]</c>, as 1) and one row touched for an update (<c>OUTPUT 1</c>, <c>@@ROWCOUNT</c>).
    /// </summary>
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        Record();
        var tables = new List<DataTable>();
        if (Aggregate().Match(CommandText) is { Success: true } aggregate)
        {
            var table = new DataTable();
            table.Columns.Add("value", typeof(object));
            table.Rows.Add(aggregate.Groups[1].Value.StartsWith("COUNT", StringComparison.OrdinalIgnoreCase) ? 0 : DBNull.Value);
            tables.Add(table);
        }
        foreach (Match answer in SaveAnswers().Matches(CommandText))
        {
            var table = new DataTable();
            if (answer.Groups["rowcount"].Success)
            {
                table.Columns.Add("rows", typeof(int));
                table.Rows.Add(1);
            }
            else
            {
                foreach (Capture column in answer.Groups["column"].Captures)
                {
                    table.Columns.Add(column.Value, typeof(long));
                }
                table.Rows.Add(answer.Groups["column"].Captures.Select(_ => (object)1L).ToArray());
            }
            tables.Add(table);
        }
        if (tables.Count == 0)
        {
            tables.Add(new DataTable());
        }
        return new DataTableReader(tables.ToArray());
    }

    [GeneratedRegex(@"^\s*SELECT (MIN|MAX|SUM|AVG|COUNT|COUNT_BIG)\(", RegexOptions.IgnoreCase)]
    private static partial Regex Aggregate();

    [GeneratedRegex(@"OUTPUT (?:INSERTED\.\[(?<column>\w+)\](?:, )?)+|(?<rowcount>SELECT @@ROWCOUNT|OUTPUT 1\b)")]
    private static partial Regex SaveAnswers();

    private void Record() => connection.Record(new RecordedCommand(CommandText, _parameters.Items.Select(p => p.ParameterName).ToList()));
}

internal sealed class RecordingParameters : DbParameterCollection
{
    public List<DbParameter> Items { get; } = [];

    public override int Count => Items.Count;

    public override object SyncRoot => Items;

    public override int Add(object value)
    {
        Items.Add((DbParameter)value);
        return Items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public override void Clear() => Items.Clear();

    public override bool Contains(object value) => Items.Contains((DbParameter)value);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((ICollection)Items).CopyTo(array, index);

    public override IEnumerator GetEnumerator() => Items.GetEnumerator();

    public override int IndexOf(object value) => Items.IndexOf((DbParameter)value);

    public override int IndexOf(string parameterName) => Items.FindIndex(p => p.ParameterName == parameterName);

    public override void Insert(int index, object value) => Items.Insert(index, (DbParameter)value);

    public override void Remove(object value) => Items.Remove((DbParameter)value);

    public override void RemoveAt(int index) => Items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => Items.RemoveAt(IndexOf(parameterName));

    protected override DbParameter GetParameter(int index) => Items[index];

    protected override DbParameter GetParameter(string parameterName) => Items[IndexOf(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => Items[index] = value;

    protected override void SetParameter(string parameterName, DbParameter value) => Items[IndexOf(parameterName)] = value;
}

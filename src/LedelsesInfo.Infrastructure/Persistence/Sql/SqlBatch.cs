using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Infrastructure.Persistence.Sql;

/// <summary>
/// Raw statements on one open connection and transaction (an import's file, a recompute), without a time limit: a large
/// import or recompute may take minutes. Values travel as parameters: those set with <see cref="Set"/> are bound to
/// every statement that names them (<c>@asOf</c>), so a statement's text is the same whatever the data.
/// </summary>
public sealed partial class SqlBatch(DbConnection connection, DbTransaction transaction, CancellationToken ct)
{
    /// <summary>SQL Server takes at most 2,100 parameters in one command.</summary>
    private const int MaxParameters = 2000;

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Told of each statement that took 50 ms or more, with its first words: the steps of a profile.</summary>
    public Action<string, TimeSpan>? Slow { get; init; }

    /// <summary>A value every later statement that names <c>@name</c> is given.</summary>
    public SqlBatch Set(string name, object? value)
    {
        _values[name] = value;
        return this;
    }

    public async Task<int> ExecAsync(string text, IReadOnlyDictionary<string, object?>? values = null)
    {
        await using var command = Command(text, values);
        var started = Stopwatch.GetTimestamp();
        var rows = await command.ExecuteNonQueryAsync(ct);
        Timed(text, started);
        return rows;
    }

    public async Task<object?> ScalarAsync(string text, IReadOnlyDictionary<string, object?>? values = null)
    {
        await using var command = Command(text, values);
        return await command.ExecuteScalarAsync(ct);
    }

    public async Task ReadAsync(string text, Action<DbDataReader> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var command = Command(text, null);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }

    /// <summary>Inserts rows of values after <paramref name="insertInto"/> (<c>INSERT INTO t (a, b)</c>), as many to a command as the parameters allow.</summary>
    public async Task InsertRowsAsync(string insertInto, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }
        var width = rows[0].Length;
        var perCommand = Math.Min(500, MaxParameters / width);
        for (var first = 0; first < rows.Count; first += perCommand)
        {
            var text = new StringBuilder(insertInto).Append(" VALUES ");
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var last = Math.Min(rows.Count, first + perCommand);
            for (var r = first; r < last; r++)
            {
                text.Append(r == first ? "(" : ", (");
                for (var c = 0; c < width; c++)
                {
                    var name = $"r{r - first}c{c}";
                    values[name] = rows[r][c];
                    text.Append(c == 0 ? "@" : ", @").Append(name);
                }
                text.Append(')');
            }
            await ExecAsync(text.ToString(), values);
        }
    }

    private DbCommand Command(string text, IReadOnlyDictionary<string, object?>? values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        command.CommandTimeout = 0;
        foreach (var name in ParameterNames().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            if (values is not null && values.TryGetValue(name, out var own))
            {
                command.Parameters.Add(Parameter(command, name, own));
            }
            else if (_values.TryGetValue(name, out var standing))
            {
                command.Parameters.Add(Parameter(command, name, standing));
            }
        }
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        if (value is DateTime)
        {
            // SQL Server would take a DateTime as the old datetime type and compare it with datetime2 columns by conversion.
            parameter.DbType = DbType.DateTime2;
        }
        return parameter;
    }

    private void Timed(string text, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (Slow is not null && elapsed.TotalMilliseconds >= 50)
        {
            // The first words of the statement name the step well enough for a profile.
            Slow(string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(12)), elapsed);
        }
    }

    // A parameter is @ and a name; SQL Server's @@ROWCOUNT and the like are not.
    [GeneratedRegex(@"(?<![@\w])@([A-Za-z_]\w*)")]
    private static partial Regex ParameterNames();
}

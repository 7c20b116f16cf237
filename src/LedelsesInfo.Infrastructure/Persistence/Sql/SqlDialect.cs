using System.Collections.Concurrent;
using System.Linq.Expressions;
using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Persistence.Sql;

/// <summary>
/// Everything where SQLite and SQL Server differ, for every raw statement the portal writes: the key-figure engine, the
/// importer, the access log and the data version. One implementation per provider (<see cref="SqliteDialect"/>,
/// <see cref="SqlServerDialect"/>), chosen in <see cref="For"/> from the provider the configuration gave the context.
/// Names of tables and columns come from the EF model and are quoted by the provider (<see cref="Table{T}"/>,
/// <see cref="From{T}"/>); values from data or the clock travel as parameters (<see cref="SqlBatch"/>). What is written
/// into a statement as text is the code's own: names, codes of its enums, figure codes from the catalogue.
/// </summary>
public abstract class SqlDialect
{
    private static readonly ConcurrentDictionary<IModel, SqlDialect> Dialects = new();
    private readonly ConcurrentDictionary<(Type, string), string> _columns = new();
    private readonly IModel _model;
    private readonly ISqlGenerationHelper _helper;

    private protected SqlDialect(IModel model, ISqlGenerationHelper helper)
    {
        _model = model;
        _helper = helper;
    }

    /// <summary>The dialect of a context's provider; one instance per model, since names come from it.</summary>
    public static SqlDialect For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Dialects.GetOrAdd(db.Model, model =>
        {
            var helper = db.GetService<ISqlGenerationHelper>();
            return db.Database.IsSqlite() ? new SqliteDialect(model, helper) : new SqlServerDialect(model, helper);
        });
    }

    /// <summary>An identifier quoted for the provider.</summary>
    public string Q(string identifier) => _helper.DelimitIdentifier(identifier);

    /// <summary>An entity's table, quoted.</summary>
    public string Table<T>() => Q(Entity(typeof(T)).GetTableName()!);

    /// <summary>A property's column, quoted, by the property's name.</summary>
    public string Column<T>(string property) => Column(typeof(T), property);

    public string Column(Type entity, string property) => _columns.GetOrAdd((entity, property), key =>
    {
        var type = Entity(key.Item1);
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var found = type.FindProperty(key.Item2) ?? throw new InvalidOperationException($"{key.Item1.Name} har ingen egenskab {key.Item2}.");
        return Q(found.GetColumnName(table)!);
    });

    /// <summary>An entity's table under an alias: <c>{n}</c> writes <c>"notifications" n</c>, <c>{n[x => x.UnitId]}</c> writes <c>n."UnitId"</c>.</summary>
    public TableRef<T> From<T>(string alias) => new(this, alias);

    /// <summary><c>INSERT INTO "table" ("A", "B", …)</c> for an entity's properties, named with <c>nameof</c>.</summary>
    public string InsertInto<T>(params string[] properties) =>
        $"INSERT INTO {Table<T>()} ({string.Join(", ", properties.Select(Column<T>))})";

    private IEntityType Entity(Type type) => _model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} er ikke i modellen.");

    /// <summary>A literal of the code's own text (an enum's code, a figure's code): never a value from data or a user.</summary>
    public static string Literal(string constant)
    {
        ArgumentNullException.ThrowIfNull(constant);
        return "'" + constant.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public static string Literal<TEnum>(TEnum value) where TEnum : struct, Enum => Literal(Code<TEnum>.Of(value));

    /// <summary>A list of literals for <c>IN (…)</c>.</summary>
    public static string Literals(IEnumerable<string> constants) => string.Join(", ", constants.Select(Literal));

    // Temporary tables.

    /// <summary>A temporary table's name as written in a statement.</summary>
    public abstract string Temp(string name);

    public abstract string CreateTemp(string name, string columns);

    public abstract string CreateTempIndex(string table, string columns);

    public abstract string DropTemp(string name);

    public abstract string IntType { get; }
    /// <summary>Text in a temporary table, comparable with the database's own text columns.</summary>
    public abstract string TextType { get; }
    /// <summary>Text as the target of a CAST.</summary>
    public abstract string CastText { get; }
    public abstract string DateType { get; }
    public abstract string NumberType { get; }
    /// <summary>The operator that joins text.</summary>
    public abstract string Concat { get; }

    // Expressions.

    /// <summary>The date of a timestamp.</summary>
    public abstract string DateOf(string timestamp);

    public abstract string AddHours(string timestamp, int hours);

    /// <summary>Calendar months; the 31st plus one month is the last day of the next month.</summary>
    public abstract string AddMonths(string date, string months);

    /// <summary>A date plus a whole number of days (negative: before).</summary>
    public abstract string AddDays(string date, int days);

    /// <summary>The first day of a date's month.</summary>
    public abstract string MonthStart(string date);

    /// <summary>Turns a summed money column into kroner (SQLite stores øre).</summary>
    public abstract string MoneyToKroner(string sum);

    /// <summary>Rounds a sum of decimal quantities (SQLite sums decimal TEXT as floating point).</summary>
    public abstract string Quantity(string sum);

    /// <summary>Asks for a CTE used twice to be computed once (SQLite); SQL Server decides itself.</summary>
    public abstract string Materialized { get; }

    public abstract string Top(int n, string selectWithoutSelectKeyword);

    /// <summary>The earliest of date or timestamp expressions as a date, ignoring nulls; null when all are null.</summary>
    public abstract string Earliest(IReadOnlyList<string> expressions);

    /// <summary>True when two values differ, a null against a value included.</summary>
    public abstract string Differs(string a, string b);

    /// <summary>The date that means "every period" (<see cref="DateOnly.MinValue"/>).</summary>
    public abstract string Everything { get; }

    // Statements.

    /// <summary>Inserts the rows of a staging table into an entity's table, updating those whose key exists.</summary>
    public abstract string Upsert(string table, string stage, string where, IReadOnlyList<string> columns, IReadOnlyList<string> keys);

    /// <summary>Writes the rows of a staging table as fast as the provider can.</summary>
    public abstract IStageWriter OpenWriter(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string stage, IReadOnlyList<StageColumn> columns);

    /// <summary>
    /// One view's access-log lines and the new (case, day) rows, in one command: @at, @user, @employee, @page,
    /// @action, @day and the case ids as one JSON array in @ids, unpacked by the database.
    /// </summary>
    public abstract string AccessLogInsert { get; }

    /// <summary>Moves the data version on, for every writer (EF's saves, the importer, the engine), so no cached page outlives its data.</summary>
    public string BumpDataVersion => Bump(DataVersion.SingleId);

    /// <summary>Moves on the version of what leaders write beside the figures (<see cref="DataVersion.WritingId"/>).</summary>
    public string BumpWritingVersion => Bump(DataVersion.WritingId);

    private string Bump(int row) =>
        $"UPDATE {Table<DataVersion>()} SET {Column<DataVersion>(nameof(DataVersion.Version))} = {Column<DataVersion>(nameof(DataVersion.Version))} + 1 " +
        $"WHERE {Column<DataVersion>(nameof(DataVersion.Id))} = {row}";

    private protected string AccessLogColumns =>
        string.Join(", ", new[] { nameof(AccessLogEntry.At), nameof(AccessLogEntry.UserName), nameof(AccessLogEntry.EmployeeId), nameof(AccessLogEntry.CaseIds), nameof(AccessLogEntry.Page), nameof(AccessLogEntry.Action) }
            .Select(Column<AccessLogEntry>));
}

/// <summary>An entity's table under an alias in a statement.</summary>
public sealed class TableRef<T>(SqlDialect dialect, string alias)
{
    /// <summary>The alias's column for a property: <c>n[x => x.UnitId]</c>.</summary>
    public string this[Expression<Func<T, object?>> property] => $"{alias}.{dialect.Column<T>(MemberName(property))}";

    public override string ToString() => $"{dialect.Table<T>()} {alias}";

    private static string MemberName(Expression<Func<T, object?>> property) => property.Body switch
    {
        MemberExpression m => m.Member.Name,
        UnaryExpression { Operand: MemberExpression m } => m.Member.Name,
        _ => throw new ArgumentException("Angiv en egenskab, fx x => x.UnitId.", nameof(property)),
    };
}

public sealed record StageColumn(string Name, string StoreType, Type ProviderType);

public interface IStageWriter : IAsyncDisposable
{
    Task WriteAsync(int rowNumber, object?[] providerValues, CancellationToken ct);

    Task FlushAsync(CancellationToken ct);
}

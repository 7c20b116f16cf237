using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>
/// SQL Server's own parser (ScriptDom, the 2022 grammar) over statements the portal sends SQL Server, and a check of every
/// table and column they name against the SQL Server model of the context. Temporary tables count where a statement of
/// the same run creates them; aliases, derived tables, CTEs and OPENJSON's columns count within their statement.
/// </summary>
public sealed partial class TSqlCheck
{
    private static readonly HashSet<string> System = new(StringComparer.OrdinalIgnoreCase) { "sys", "INFORMATION_SCHEMA" };
    private static readonly HashSet<string> OpenJsonColumns = new(StringComparer.OrdinalIgnoreCase) { "key", "value", "type" };
    private readonly Dictionary<string, HashSet<string>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public TSqlCheck(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } name)
            {
                continue;
            }
            var table = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var columns = Columns(name);
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(table) is { } column)
                {
                    columns.Add(column);
                }
            }
        }
        Columns("__EFMigrationsHistory").UnionWith(["MigrationId", "ProductVersion"]);
    }

    /// <summary>Parses a script (GO separates batches); the fragment, or the parser's errors.</summary>
    public static (TSqlFragment Fragment, IList<ParseError> Errors) Parse(string text)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var fragment = parser.Parse(reader, out var errors);
        return (fragment, errors);
    }

    /// <summary>
    /// What is wrong with a run's statements, one line each (empty when nothing is): syntax, then names. The tables and
    /// columns the run itself creates (temporary tables, a migration's new tables and columns) are known to all of them.
    /// </summary>
    public List<string> Problems(IReadOnlyList<RecordedCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var problems = new List<string>();
        var parsed = new List<(RecordedCommand Command, TSqlFragment Fragment)>();
        foreach (var command in commands)
        {
            var (fragment, errors) = Parse(command.Text);
            if (errors.Count > 0)
            {
                problems.AddRange(errors.Select(e => $"syntaks: {e.Message} (linje {e.Line}, kolonne {e.Column}) i: {Short(command.Text)}"));
                continue;
            }
            parsed.Add((command, fragment));
        }
        foreach (var (_, fragment) in parsed)
        {
            var created = new Creations();
            fragment.Accept(created);
            foreach (var (table, columns) in created.Tables)
            {
                Columns(table).UnionWith(columns);
            }
        }
        foreach (var (command, fragment) in parsed)
        {
            // Each statement on its own: its aliases and CTEs are its own.
            var statements = fragment is TSqlScript script ? script.Batches.SelectMany(b => b.Statements).Cast<TSqlFragment>().ToList() : [fragment];
            foreach (var statement in statements)
            {
                problems.AddRange(Check(command, statement));
            }
        }
        return problems;
    }

    private IEnumerable<string> Check(RecordedCommand command, TSqlFragment statement)
    {
        var names = new Names();
        statement.Accept(names);
        var local = new HashSet<string>(names.Defined, StringComparer.OrdinalIgnoreCase);
        var referenced = new List<HashSet<string>>();
        var unknown = false;
        foreach (var (table, schema) in names.Tables)
        {
            if (schema is not null && System.Contains(schema))
            {
                unknown = true; // SQL Server's own catalogue (sys.identity_columns): its columns are not the model's
                continue;
            }
            if (local.Contains(table))
            {
                continue; // a CTE of the statement
            }
            if (!_tables.TryGetValue(table, out var columns))
            {
                yield return $"tabel {table} findes ikke i modellen i: {Short(command.Text)}";
                unknown = true;
                continue;
            }
            referenced.Add(columns);
        }
        if (!unknown)
        {
            var all = new HashSet<string>(referenced.SelectMany(c => c), StringComparer.OrdinalIgnoreCase);
            foreach (var column in names.Columns)
            {
                if (!all.Contains(column) && !local.Contains(column) && !(names.OpenJson && OpenJsonColumns.Contains(column)))
                {
                    yield return $"kolonne {column} findes ikke i statementets tabeller i: {Short(command.Text)}";
                }
            }
        }
        foreach (var variable in names.Variables.Except(names.Declared, StringComparer.OrdinalIgnoreCase))
        {
            if (!command.Parameters.Contains(variable, StringComparer.OrdinalIgnoreCase) && !variable.StartsWith("@@", StringComparison.Ordinal) && !command.Script)
            {
                yield return $"parameter {variable} er ikke givet i: {Short(command.Text)}";
            }
        }
    }

    private HashSet<string> Columns(string table)
    {
        if (!_tables.TryGetValue(table, out var columns))
        {
            columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _tables[table] = columns;
        }
        return columns;
    }

    private static string Short(string text)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        return flat.Length <= 400 ? flat : flat[..400] + " …";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Tables and columns a script creates: CREATE TABLE, ALTER TABLE … ADD, and sp_rename's new names.</summary>
    private sealed class Creations : TSqlFragmentVisitor
    {
        public List<(string Table, List<string> Columns)> Tables { get; } = [];

        public override void Visit(CreateTableStatement node) =>
            Tables.Add((node.SchemaObjectName.BaseIdentifier.Value, node.Definition?.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).ToList() ?? []));

        public override void Visit(AlterTableAddTableElementStatement node) =>
            Tables.Add((node.SchemaObjectName.BaseIdentifier.Value, node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).ToList()));

        public override void Visit(ExecutableProcedureReference node)
        {
            // EXEC sp_rename N'[t].[Old]', N'New', 'COLUMN' (or N'[Old]', N'New' for a table).
            if (node.ProcedureReference?.ProcedureReference?.Name?.BaseIdentifier.Value is not { } name
                || !name.Equals("sp_rename", StringComparison.OrdinalIgnoreCase) || node.Parameters.Count < 2
                || node.Parameters[0].ParameterValue is not StringLiteral from || node.Parameters[1].ParameterValue is not StringLiteral to)
            {
                return;
            }
            var parts = from.Value.Split('.').Select(p => p.Trim('[', ']')).ToArray();
            Tables.Add(node.Parameters.Count > 2 && node.Parameters[2].ParameterValue is StringLiteral { Value: var kind } && kind.Equals("COLUMN", StringComparison.OrdinalIgnoreCase)
                ? (parts[^2], [to.Value])
                : (to.Value, []));
        }
    }

    /// <summary>What one batch names: tables with their aliases, columns, variables, and the names it defines itself.</summary>
    private sealed class Names : TSqlFragmentVisitor
    {
        public List<(string Table, string? Schema)> Tables { get; } = [];
        public List<string> Columns { get; } = [];
        public HashSet<string> Defined { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Variables { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);
        public bool OpenJson { get; private set; }

        public override void Visit(NamedTableReference node)
        {
            Tables.Add((node.SchemaObject.BaseIdentifier.Value, node.SchemaObject.SchemaIdentifier?.Value));
            if (node.Alias is { } alias)
            {
                Defined.Add(alias.Value);
            }
        }

        public override void Visit(CreateIndexStatement node) => Tables.Add((node.OnName.BaseIdentifier.Value, node.OnName.SchemaIdentifier?.Value));

        public override void Visit(CreateTableStatement node) => Defined.UnionWith(node.Definition?.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value) ?? []);

        public override void Visit(TableReferenceWithAlias node)
        {
            if (node.Alias is { } alias)
            {
                Defined.Add(alias.Value);
            }
        }

        public override void Visit(TableReferenceWithAliasAndColumns node) => Defined.UnionWith(node.Columns.Select(c => c.Value));

        public override void Visit(OpenJsonTableReference node)
        {
            OpenJson = true;
            Defined.UnionWith(node.SchemaDeclarationItems.Select(i => i.ColumnDefinition.ColumnIdentifier.Value));
        }

        public override void Visit(CommonTableExpression node)
        {
            Defined.Add(node.ExpressionName.Value);
            Defined.UnionWith(node.Columns.Select(c => c.Value));
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } name)
            {
                Defined.Add(name);
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { Count: > 0 } id)
            {
                Columns.Add(id.Identifiers[^1].Value);
            }
        }

        public override void Visit(VariableReference node) => Variables.Add(node.Name);

        public override void Visit(DeclareVariableElement node) => Declared.Add(node.VariableName.Value);

        public override void Visit(DeclareTableVariableBody node)
        {
            if (node.VariableName is { } name)
            {
                Declared.Add(name.Value);
            }
            Defined.UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        }
    }
}

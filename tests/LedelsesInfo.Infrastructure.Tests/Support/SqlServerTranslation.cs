using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>
/// Every LINQ query the tests' SQLite contexts compile is also compiled by SQL Server's provider, offline (issue 19):
/// EF hands each new query shape to this interceptor before it compiles it for SQLite, and the same expression, its
/// tables bound to the SQL Server model, is translated for SQL Server (<see cref="RecordingSqlServer"/>). A query SQL
/// Server cannot translate (or would evaluate on the client) fails the test that ran it, with the query. Every handler
/// is run by its tests through the mediator (<see cref="Slice"/>), so a new handler's queries are covered by its tests.
/// </summary>
public sealed class SqlServerTranslation : IQueryExpressionInterceptor
{
    public static readonly SqlServerTranslation Instance = new();

    private static readonly MethodInfo Compile = typeof(IDatabase).GetMethod(nameof(IDatabase.CompileQuery))!;
    private readonly Lazy<RecordingSqlServer> _server = new(() => new RecordingSqlServer());
    private readonly ConcurrentDictionary<string, byte> _translated = new(StringComparer.Ordinal);

    /// <summary>The query shapes translated for SQL Server so far in this test run, each after the entities it reads.</summary>
    public IReadOnlyCollection<string> Translated => _translated.Keys.ToList();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        Translate(queryExpression);
        return queryExpression;
    }

    /// <summary>Translates a query expression of any context for SQL Server; throws with the query when it cannot be.</summary>
    public void Translate(Expression query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var server = _server.Value;
        var rebind = new Rebind(server.Db.Model);
        var rebound = rebind.Visit(query);
        if (rebound is null || Rebind.HasRawSql(query))
        {
            return; // raw SQL of SQLite's own (none in the handlers today) is proven by the statement tests instead
        }
        var result = query.Type.GetInterfaces().Append(query.Type).FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IQueryable<>)) is { } queryable
            ? typeof(IEnumerable<>).MakeGenericType(queryable.GetGenericArguments()[0])
            : query.Type;
        lock (server)
        {
            try
            {
                Compile.MakeGenericMethod(result).Invoke(server.Db.GetService<IDatabase>(), [rebound, false]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidOperationException($"SQL Server kan ikke oversætte forespørgslen: {e.InnerException.Message}{Environment.NewLine}{query}", e.InnerException);
            }
        }
        _translated.TryAdd($"{string.Join(", ", rebind.Tables)}: {query}", 0);
    }

    /// <summary>The expression with each table's root bound to the same entity of the SQL Server model.</summary>
    private sealed class Rebind(IModel model) : ExpressionVisitor
    {
        public List<string> Tables { get; } = [];

        public static bool HasRawSql(Expression query)
        {
            var finder = new RawSqlFinder();
            finder.Visit(query);
            return finder.Found;
        }

        protected override Expression VisitExtension(Expression node) => node switch
        {
            EntityQueryRootExpression root when !IsRawSql(root) => Bind(root),
            _ => base.VisitExtension(node),
        };

        private EntityQueryRootExpression Bind(EntityQueryRootExpression root)
        {
            Tables.Add(root.EntityType.ClrType.Name);
            return root.UpdateEntityType(model.FindEntityType(root.EntityType.Name) ?? throw new InvalidOperationException($"{root.EntityType.Name} er ikke i SQL Servers model."));
        }
    }

    /// <summary>FromSql's root (relational's own type, internal to its provider's assembly).</summary>
    private static bool IsRawSql(Expression node) => node.GetType().Name == "FromSqlQueryRootExpression";

    private sealed class RawSqlFinder : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitExtension(Expression node)
        {
            Found |= IsRawSql(node);
            return node is QueryRootExpression ? node : base.VisitExtension(node);
        }
    }
}

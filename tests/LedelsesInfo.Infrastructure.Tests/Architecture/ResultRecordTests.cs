using System.Reflection;
using LedelsesInfo.Application.Features.Home;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Architecture;

/// <summary>Handlers answer with result records: no message's answer carries a tracked entity, however deep.</summary>
public sealed class ResultRecordTests
{
    [Fact]
    public void No_message_answers_with_an_entity_of_the_model()
    {
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:").Configure(options);
        using var db = new LedelsesInfoDbContext(options.Options);
        var entities = db.Model.GetEntityTypes().Select(e => e.ClrType).ToHashSet();

        var messages = typeof(GetHome).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.Namespace == "Mediator"
                && i.GetGenericTypeDefinition().Name is "IQuery`1" or "ICommand`1" or "IRequest`1")
                .Select(i => (Message: t, Answer: i.GetGenericArguments()[0])))
            .ToList();
        Assert.NotEmpty(messages);

        var offenders = messages.Select(m => (m.Message, Found: EntityIn(m.Answer, entities, [])))
            .Where(m => m.Found is not null).Select(m => $"{m.Message.Name} answers with {m.Found!.Name}").ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static Type? EntityIn(Type type, HashSet<Type> entities, HashSet<Type> seen)
    {
        if (entities.Contains(type))
        {
            return type;
        }
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType)
        {
            return null;
        }
        var inner = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        var members = type.Namespace?.StartsWith("LedelsesInfo", StringComparison.Ordinal) == true
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
            : [];
        return inner.Concat(members).Select(t => EntityIn(t, entities, seen)).FirstOrDefault(t => t is not null);
    }
}

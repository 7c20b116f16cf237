using System.Collections.Frozen;
using System.Reflection;

namespace LedelsesInfo.Domain;

/// <summary>The code a value has in the import files and in the database (Danish, lower case).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class CodeAttribute(string code) : Attribute
{
    public string Code { get; } = code;
}

/// <summary>Maps an enum to the codes of docs/formats.md and back. Stored codes keep raw SQL readable.</summary>
public static class Code<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToCode = typeof(TEnum)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToFrozenDictionary(f => (TEnum)f.GetValue(null)!, f => f.GetCustomAttribute<CodeAttribute>()?.Code ?? f.Name.ToLowerInvariant());

    private static readonly FrozenDictionary<string, TEnum> FromCode =
        ToCode.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> All => ToCode.Values;

    public static string Of(TEnum value) => ToCode[value];

    public static bool TryParse(string? code, out TEnum value) => FromCode.TryGetValue(code?.Trim() ?? "", out value);

    public static TEnum Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Ukendt kode '{code}' for {typeof(TEnum).Name}.");
}

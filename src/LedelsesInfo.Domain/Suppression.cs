namespace LedelsesInfo.Domain;

/// <summary>One cell of a comparison: the counts of individuals behind a unit's figure (null where a part is not a count).</summary>
public sealed record SuppressionCell(string Key, decimal? Numerator, decimal? Denominator);

/// <summary>
/// Small-number suppression (docs/key-figures.md; Danmarks Statistik's rule of at least 3 behind a published group, tightened
/// to 5): a numerator or denominator of 1-4 is shown as "&lt;5". Where that leaves exactly one hidden cell among its
/// siblings, the smallest other sibling is hidden too, so the parent's total cannot reveal the hidden one by subtraction.
/// Every audience-facing figure goes through <see cref="Hidden"/>.
/// </summary>
public static class Suppression
{
    public const string Mark = "<5";

    public static bool IsSmall(decimal count) => count is >= 1 and <= 4;

    public static bool IsPrimary(SuppressionCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return (cell.Numerator is { } n && IsSmall(n)) || (cell.Denominator is { } d && IsSmall(d));
    }

    /// <summary>The keys of the sibling cells that must be hidden.</summary>
    public static IReadOnlySet<string> Hidden(IReadOnlyList<SuppressionCell> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        var hidden = siblings.Where(IsPrimary).Select(c => c.Key).ToHashSet();
        if (hidden.Count == 1 && siblings.Count > 1)
        {
            var smallest = siblings.Where(c => !hidden.Contains(c.Key))
                .OrderBy(c => c.Denominator ?? c.Numerator ?? decimal.MaxValue)
                .ThenBy(c => c.Numerator ?? decimal.MaxValue)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .First();
            hidden.Add(smallest.Key);
        }
        return hidden;
    }
}

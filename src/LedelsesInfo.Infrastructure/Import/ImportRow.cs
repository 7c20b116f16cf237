namespace LedelsesInfo.Infrastructure.Import;

internal enum ColumnType
{
    Text,
    Date,
    Timestamp,
    Month,
    Decimal,
    Money,
    Integer,
    Boolean,
    Code,
}

/// <summary>A column of an import file and the entity property it fills.</summary>
internal sealed record ColumnSpec(string Name, string Property, ColumnType Type, bool Required, IReadOnlyCollection<string>? Codes = null, Func<string, object?>? ParseCode = null);

/// <summary>A column whose value must exist as the key of another table (or of this file, for the org tree).</summary>
internal sealed record Reference(string Column, Type Target, string Description, (string Property, string Value)? Condition = null, bool OrInThisFile = false);

/// <summary>One parsed row: typed values by column, for the validators and the staging insert.</summary>
internal sealed class ImportRow(FileSpec spec, int rowNumber, object?[] values)
{
    public FileSpec Spec { get; } = spec;
    public int RowNumber { get; } = rowNumber;
    public object?[] Values { get; } = values;


    public object? this[string column] => Values[Spec.IndexOf(column)];

    public string? Text(string column) => (string?)this[column];

    public DateOnly? Date(string column) => (DateOnly?)this[column];

    public DateTime? Timestamp(string column) => (DateTime?)this[column];

    public decimal? Decimal(string column) => (decimal?)this[column];

    public int? Integer(string column) => (int?)this[column];
}

namespace LedelsesInfo.Application.KeyFigures;

public enum ColumnKind
{
    Text,
    Number,
    Percent,
    Money,
    Date,
    /// <summary>A <see cref="KeyFigures.StatusText"/>: shown with its colour and symbol beside the words.</summary>
    Status,
}

public sealed record TableColumn(string Header, ColumnKind Kind = ColumnKind.Text);

/// <summary>
/// A table as a dashboard shows it and as it is exported: Danish column headers, typed cells (numbers stay numbers
/// in Excel). A null cell is empty; a string cell in a number column is shown as written (such as "&lt;5").
/// </summary>
public sealed record TableData(string Name, string Title, IReadOnlyList<TableColumn> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// A chart's data for the static chart script: labels, series (the target as a dashed series), and the unit; the
/// periods' keys beside their labels where the points are periods, and the markers of notes on them (set by the page).
/// </summary>
public sealed record ChartData(string Type, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    public IReadOnlyList<string> Periods { get; init; } = [];
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];
}

/// <summary>A note's marker at a point of a chart: the point's index and the text the marker stands for.</summary>
public sealed record ChartMarker(int Index, string Text);

/// <summary>A series; <paramref name="Hidden"/> says which of its missing values are hidden for discretion rather than missing.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Values, bool Target = false, IReadOnlyList<bool>? Hidden = null);

using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Import;

internal enum ChangeKind
{
    /// <summary>No key figure is computed from the file (goals: targets are read when a page is shown).</summary>
    None,
    /// <summary>Each row is something that happened on its dates: a new or changed row reaches the figures from its earliest date, old or new.</summary>
    Facts,
    /// <summary>
    /// Each row describes something over time (a case, a measure, an employee): a new row reaches the figures from its
    /// earliest date; a changed date from the earlier of its old and new value; a changed structural column (which team,
    /// which child, which kind) every period.
    /// </summary>
    Dimension,
    /// <summary>Any new or changed row reaches every period (the organisation tree, the population).</summary>
    Everything,
}

/// <summary>How a file's new and changed rows decide the first day the key figures must be recomputed from (<see cref="ImportBatch.ChangedFrom"/>).</summary>
/// <param name="DatedBy">Columns whose change reaches the figures from one of the row's dates (old or new): why a measure
/// ended (E2) from its end date.</param>
internal sealed record ChangeRule(ChangeKind Kind, IReadOnlyList<string> Dates, IReadOnlyList<string> Structural, IReadOnlyList<(string Column, string From)>? DatedBy = null)
{
    public static ChangeRule None { get; } = new(ChangeKind.None, [], []);
    public static ChangeRule Everything { get; } = new(ChangeKind.Everything, [], []);

    public static ChangeRule Facts(params string[] dates) => new(ChangeKind.Facts, dates, []);

    public static ChangeRule Dimension(string[] dates, string[] structural, (string Column, string From)[]? datedBy = null) =>
        new(ChangeKind.Dimension, dates, structural, datedBy);

    /// <summary>Per file of docs/formats.md; the properties are the entity's.</summary>
    public static ChangeRule For(string fileName) => fileName switch
    {
        "organisation" or "population" => Everything,
        "employees" => Dimension([], [nameof(Employee.UnitId), nameof(Employee.Role)]),
        "goals" => None,
        "cases" => Dimension([nameof(Case.OpenedOn), nameof(Case.ClosedOn)], [nameof(Case.ChildId), nameof(Case.TeamId), nameof(Case.CaseworkerId)]),
        "notifications" => Facts(nameof(Notification.ReceivedAt), nameof(Notification.AssessedAt), nameof(Notification.ReceiptSentOn)),
        "examinations" => Facts(nameof(Examination.AwareOn), nameof(Examination.CompletedOn)),
        "activities" => Dimension([nameof(Activity.DecidedOn), nameof(Activity.StartOn), nameof(Activity.EndOn)], [nameof(Activity.CaseId), nameof(Activity.Kind)],
            [(nameof(Activity.EndReason), nameof(Activity.EndOn))]),
        "activity_events" => Facts(nameof(ActivityEvent.OccurredOn)),
        "payments" => Facts(nameof(Payment.PostedOn)),
        "budget" => Facts(nameof(BudgetLine.Month)),
        "hr" => Facts(nameof(HrMonth.Month)),
        // A file this list does not know: recompute everything rather than miss a change.
        _ => Everything,
    };
}

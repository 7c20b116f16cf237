namespace LedelsesInfo.Domain;

public sealed class Case
{
    public required string Id { get; set; }
    public required string ChildId { get; set; }
    public DateOnly BirthDate { get; set; }
    public required string TeamId { get; set; }
    public required string CaseworkerId { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
}

public sealed class Notification
{
    public required string Id { get; set; }
    public required string UnitId { get; set; }
    public required string ChildId { get; set; }
    public string? CaseId { get; set; }
    /// <summary>Danish local time, as in the source system.</summary>
    public DateTime ReceivedAt { get; set; }
    public DateTime? AssessedAt { get; set; }
    public bool Professional { get; set; }
    public DateOnly? ReceiptSentOn { get; set; }
}

public enum ExaminationKind
{
    [Code("bfu")] Bfu,
    [Code("afdaekning")] Afdaekning,
}

public sealed class Examination
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public ExaminationKind Kind { get; set; }
    public DateOnly AwareOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
}

public enum ActivityKind
{
    [Code("forebyggende")] Preventive,
    [Code("plejefamilie")] FosterFamily,
    [Code("netvaerksplejefamilie")] NetworkFosterFamily,
    [Code("opholdssted")] ResidentialHome,
    [Code("doegninstitution")] Institution,
    [Code("sikret")] Secure,
    [Code("andet")] Other,
}

public static class ActivityKinds
{
    public static string DanishName(ActivityKind kind) => kind switch
    {
        ActivityKind.Preventive => "Forebyggende",
        ActivityKind.FosterFamily => "Plejefamilie",
        ActivityKind.NetworkFosterFamily => "Netværksplejefamilie",
        ActivityKind.ResidentialHome => "Opholdssted",
        ActivityKind.Institution => "Døgninstitution",
        ActivityKind.Secure => "Sikret institution",
        _ => "Andet",
    };

    public static bool IsPlacement(ActivityKind kind) =>
        kind is ActivityKind.FosterFamily or ActivityKind.NetworkFosterFamily or ActivityKind.ResidentialHome
            or ActivityKind.Institution or ActivityKind.Secure;
}

/// <summary>A granted measure (indsats): the key that joins casework, spending and hours.</summary>
public sealed class Activity
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string Paragraph { get; set; }
    public ActivityKind Kind { get; set; }
    public required string Function { get; set; }
    public string? Provider { get; set; }
    public DateOnly DecidedOn { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public decimal? MonthlyPrice { get; set; }

    /// <summary>Why the measure ended; empty while it runs (E2 counts a placement's breakdown).</summary>
    public EndReason? EndReason { get; set; }
}

/// <summary>Why a measure ended (the activities file's <c>end_reason</c>).</summary>
public enum EndReason
{
    /// <summary>As planned.</summary>
    [Code("planlagt")] Planned,
    /// <summary>An unplanned breakdown (sammenbrud).</summary>
    [Code("sammenbrud")] Breakdown,
    /// <summary>The child moved to another municipality.</summary>
    [Code("flytning")] Moved,
    /// <summary>The child came of age.</summary>
    [Code("myndighedsalder")] CameOfAge,
    [Code("andet")] Other,
}

/// <summary>Whether a measure's goal is reached, as assessed at a follow-up (the events file's <c>goal_attained</c>).</summary>
public enum GoalAttained
{
    [Code("ja")] Yes,
    [Code("delvist")] Partly,
    [Code("nej")] No,
}

public enum ActivityEventKind
{
    [Code("plan")] Plan,
    [Code("opfoelgning")] FollowUp,
    [Code("tilsynsbesoeg")] SupervisoryVisit,
    [Code("barnets_synspunkter")] ChildViews,
}

/// <summary>Keyed by activity, kind and date: the file has no id of its own, and re-importing a row must not duplicate it.</summary>
public sealed class ActivityEvent
{
    public required string ActivityId { get; set; }
    public ActivityEventKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
    public int? NextFollowUpMonths { get; set; }

    /// <summary>On a follow-up: whether the measure's goal is reached; empty when not assessed (E1 counts only assessed follow-ups).</summary>
    public GoalAttained? GoalAttained { get; set; }
}

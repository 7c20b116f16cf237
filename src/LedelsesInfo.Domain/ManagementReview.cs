namespace LedelsesInfo.Domain;

public enum ReviewAnswerValue
{
    [Code("ja")] Yes,
    [Code("nej")] No,
    [Code("delvist")] Partly,
    [Code("ikke_relevant")] NotRelevant,
}

/// <summary>How a round is run (the national guidance on ledelsestilsyn).</summary>
public enum ReviewMode
{
    /// <summary>The leader reviews alone.</summary>
    [Code("kontrol")] Control,
    /// <summary>Leader and caseworker review together.</summary>
    [Code("dialog")] Dialogue,
    /// <summary>The caseworker answers first, then the leader.</summary>
    [Code("selvevaluering")] SelfReviewFirst,
}

public enum RoundStatus
{
    [Code("planlagt")] Planned,
    [Code("i_gang")] InProgress,
    [Code("afsluttet")] SignedOff,
}

public enum AnswerStage
{
    [Code("sagsbehandler")] Caseworker,
    [Code("leder")] Leader,
}

/// <summary>A question template. A template that has answers is never changed: an edit makes the next version.</summary>
public sealed class ReviewTemplate
{
    public long Id { get; set; }
    /// <summary>The same for every version of a template.</summary>
    public required string FamilyKey { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public bool IsDefault { get; set; }
    /// <summary>The unit whose leader made the copy and may change it; null for the municipality's default, which only administrators change.</summary>
    public string? OwnerUnitId { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<ReviewQuestion> Questions { get; set; } = [];
}

public sealed class ReviewQuestion
{
    public long Id { get; set; }
    public long TemplateId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
    /// <summary>A themed round uses only the questions of its focus area.</summary>
    public string? FocusArea { get; set; }
    /// <summary>A key figure the portal computes from data for the same thing (B1 beside "BFU within 4 months").</summary>
    public string? KpiCode { get; set; }
    public bool Local { get; set; }
}

/// <summary>A round of the annual wheel (årshjul): one team, one quarter.</summary>
public sealed class ReviewRound
{
    public long Id { get; set; }
    public required string TeamId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public long TemplateId { get; set; }
    public string? FocusArea { get; set; }
    public ReviewMode Mode { get; set; }
    public int SampleSize { get; set; }
    public int Seed { get; set; }
    public RoundStatus Status { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public string? SignedOffBy { get; set; }
    /// <summary>For the caseworkers: what the round taught.</summary>
    public string? LearningPoints { get; set; }
    public string? ReflectionQuestions { get; set; }
}

public sealed class ReviewCase
{
    public long Id { get; set; }
    public long RoundId { get; set; }
    public required string CaseId { get; set; }
    public required string CaseworkerId { get; set; }
    public string? ActivityKind { get; set; }
    /// <summary>Why this case was drawn, in Danish.</summary>
    public required string Reason { get; set; }
    public bool Swapped { get; set; }
    public string? SwapReason { get; set; }
}

public sealed class ReviewAnswer
{
    public long Id { get; set; }
    public long ReviewCaseId { get; set; }
    public long QuestionId { get; set; }
    public AnswerStage Stage { get; set; }
    public ReviewAnswerValue Value { get; set; }
    public string? Comment { get; set; }
    public required string AnsweredBy { get; set; }
    public DateTime AnsweredAt { get; set; }
}

/// <summary>What will be done about a shortfall, by whom, by when.</summary>
public sealed class ActionPlanItem
{
    public long Id { get; set; }
    public long RoundId { get; set; }
    public long QuestionId { get; set; }
    public required string What { get; set; }
    public required string Who { get; set; }
    public DateOnly ByWhen { get; set; }
}

/// <summary>A case that may be drawn, with its caseworker and the kinds of its activities (indsatser).</summary>
public sealed record SampleCandidate(string CaseId, string CaseworkerId, IReadOnlyList<ActivityKind> Kinds);

public sealed record SampledCase(string CaseId, string CaseworkerId, ActivityKind? ActivityKind, string Reason);

/// <summary>
/// Draws the cases of a round so that over the year every caseworker and every measure kind is reviewed: first a case
/// for each caseworker not yet reviewed this year (preferring a measure kind not yet reviewed), then a case for each
/// kind not yet reviewed, then at random. Reproducible: the same candidates, coverage and seed give the same cases.
/// </summary>
public static class ReviewSampling
{
    public static IReadOnlyList<SampledCase> Draw(
        IReadOnlyList<SampleCandidate> candidates, int size, int seed,
        IReadOnlySet<string> coveredCaseworkers, IReadOnlySet<ActivityKind> coveredKinds, IReadOnlySet<string> exclude,
        Func<string, string> caseworkerName)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(caseworkerName);
        var random = new Random(seed);
        var pool = candidates.Where(c => !exclude.Contains(c.CaseId)).OrderBy(c => c.CaseId, StringComparer.Ordinal).ToList();
        for (var i = pool.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var caseworkers = new HashSet<string>(coveredCaseworkers);
        var kinds = new HashSet<ActivityKind>(coveredKinds);
        var drawn = new List<SampledCase>();

        void Take(SampleCandidate c, string reason)
        {
            var newKind = c.Kinds.Where(k => !kinds.Contains(k)).Select(k => (ActivityKind?)k).FirstOrDefault();
            var kind = newKind ?? (c.Kinds.Count > 0 ? c.Kinds[0] : null);
            if (newKind is { } k && !reason.Contains("indsatstypen", StringComparison.OrdinalIgnoreCase))
            {
                reason += $", og indsatstypen {ActivityKinds.DanishName(k).ToLowerInvariant()} er ikke gennemgået i år";
            }
            drawn.Add(new SampledCase(c.CaseId, c.CaseworkerId, kind, reason));
            caseworkers.Add(c.CaseworkerId);
            foreach (var measure in c.Kinds)
            {
                kinds.Add(measure);
            }
            pool.Remove(c);
        }

        foreach (var caseworker in pool.Select(c => c.CaseworkerId).Distinct().ToList())
        {
            if (drawn.Count >= size || caseworkers.Contains(caseworker))
            {
                continue;
            }
            var theirs = pool.Where(c => c.CaseworkerId == caseworker).ToList();
            var pick = theirs.FirstOrDefault(c => c.Kinds.Any(k => !kinds.Contains(k))) ?? theirs[0];
            Take(pick, $"{caseworkerName(caseworker)} har ikke haft en sag gennemgået i år");
        }
        foreach (var kind in pool.SelectMany(c => c.Kinds).Distinct().ToList())
        {
            if (drawn.Count >= size || kinds.Contains(kind))
            {
                continue;
            }
            var pick = pool.FirstOrDefault(c => c.Kinds.Contains(kind));
            if (pick is not null)
            {
                Take(pick, $"Indsatstypen {ActivityKinds.DanishName(kind).ToLowerInvariant()} er ikke gennemgået i år");
            }
        }
        while (drawn.Count < size && pool.Count > 0)
        {
            Take(pool[0], $"Udtrukket tilfældigt (frø {seed})");
        }
        return drawn;
    }

    /// <summary>A round's seed from its team, year and quarter, so a plan is the same every time it is made.</summary>
    public static int SeedFor(string teamId, int year, int quarter)
    {
        ArgumentNullException.ThrowIfNull(teamId);
        var hash = 17;
        foreach (var c in $"{teamId}/{year}/{quarter}")
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash & 0x7fffffff;
    }
}

/// <summary>The default template: the questions of the national guidance on ledelsestilsyn, grouped in focus areas.</summary>
public static class ReviewDefaults
{
    public const string FamilyKey = "standard";
    public const string Name = "Standardskabelon (vejledningen om ledelsestilsyn)";

    public static readonly IReadOnlyList<(string Text, string FocusArea, string? KpiCode)> Questions =
    [
        ("Er den børnefaglige undersøgelse afsluttet inden for 4 måneder?", "Undersøgelse", KpiCatalogue.B1.Code),
        ("Er barnets synspunkter indhentet før afgørelsen?", "Undersøgelse", null),
        ("Er barnets plan udarbejdet rettidigt (senest 3 måneder efter afgørelsen om anbringelse)?", "Plan og opfølgning", KpiCatalogue.P1.Code),
        ("Er der fulgt rettidigt op på indsatsen?", "Plan og opfølgning", KpiCatalogue.F1.Code),
        ("Er der fulgt op på, om indsatsens mål nås?", "Plan og opfølgning", null),
        ("Fremgår serviceniveauet af vurderingen?", "Dokumentation og metode", null),
        ("Er sagen dokumenteret, og er den valgte metode anvendt?", "Dokumentation og metode", null),
    ];
}

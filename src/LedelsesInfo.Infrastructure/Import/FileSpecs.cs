using System.Text.RegularExpressions;
using FluentValidation;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>One kind of import file (docs/formats.md): its columns, key, references and row rules.</summary>
internal sealed class FileSpec
{
    private readonly Dictionary<string, int> _index;

    public FileSpec(string name, Type entity, int order, IReadOnlyList<ColumnSpec> columns, IReadOnlyList<Reference> references, IValidator<ImportRow> validator)
    {
        Name = name;
        Entity = entity;
        Order = order;
        Columns = columns;
        References = references;
        Validator = validator;
        _index = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }
    public Type Entity { get; }
    /// <summary>Files are imported parents first: the org tree before employees before cases, and so on.</summary>
    public int Order { get; }
    public IReadOnlyList<ColumnSpec> Columns { get; }
    public IReadOnlyList<Reference> References { get; }
    public IValidator<ImportRow> Validator { get; }

    public int IndexOf(string column) => _index[column];
}

internal static partial class FileSpecs
{
    private static ColumnSpec Req(string name, string property, ColumnType type = ColumnType.Text) => new(name, property, type, true);

    private static ColumnSpec Opt(string name, string property, ColumnType type = ColumnType.Text) => new(name, property, type, false);

    private static ColumnSpec CodeColumn<TEnum>(string name, string property) where TEnum : struct, Enum =>
        new(name, property, ColumnType.Code, true, Code<TEnum>.All, s => Code<TEnum>.TryParse(s, out var v) ? v : null);

    private static ColumnSpec OptCode<TEnum>(string name, string property) where TEnum : struct, Enum =>
        new(name, property, ColumnType.Code, false, Code<TEnum>.All, s => Code<TEnum>.TryParse(s, out var v) ? v : null);

    public static readonly IReadOnlyList<FileSpec> All =
    [
        new("organisation", typeof(OrgUnit), 1,
            [Req("unit_id", nameof(OrgUnit.Id)), Opt("parent_id", nameof(OrgUnit.ParentId)), Req("name", nameof(OrgUnit.Name)),
             CodeColumn<UnitLevel>("level", nameof(OrgUnit.Level))],
            [new("parent_id", typeof(OrgUnit), "overordnet enhed", OrInThisFile: true)],
            new OrganisationRules()),
        new("employees", typeof(Employee), 2,
            [Req("employee_id", nameof(Employee.Id)), Req("name", nameof(Employee.Name)), Req("unit_id", nameof(Employee.UnitId)),
             CodeColumn<EmployeeRole>("role", nameof(Employee.Role)), Opt("login", nameof(Employee.Login))],
            [new("unit_id", typeof(OrgUnit), "enhed")],
            new EmployeeRules()),
        new("population", typeof(Population), 3,
            [Req("unit_id", nameof(Population.UnitId)), Req("year", nameof(Population.Year), ColumnType.Integer),
             Req("age_0_17", nameof(Population.Age0To17), ColumnType.Integer), Req("age_0_22", nameof(Population.Age0To22), ColumnType.Integer)],
            [new("unit_id", typeof(OrgUnit), "enhed")],
            new PopulationRules()),
        new("goals", typeof(Goal), 4,
            [Req("kpi_code", nameof(Goal.KpiCode)), Req("unit_id", nameof(Goal.UnitId)), Req("year", nameof(Goal.Year), ColumnType.Integer),
             Req("target", nameof(Goal.Target), ColumnType.Decimal)],
            [new("unit_id", typeof(OrgUnit), "enhed")],
            new GoalRules()),
        new("cases", typeof(Case), 5,
            [Req("case_id", nameof(Case.Id)), Req("child_id", nameof(Case.ChildId)), Req("birth_date", nameof(Case.BirthDate), ColumnType.Date),
             Req("team_id", nameof(Case.TeamId)), Req("caseworker_id", nameof(Case.CaseworkerId)),
             Req("opened_on", nameof(Case.OpenedOn), ColumnType.Date), Opt("closed_on", nameof(Case.ClosedOn), ColumnType.Date)],
            [new("team_id", typeof(OrgUnit), "team", Condition: (nameof(OrgUnit.Level), "team")), new("caseworker_id", typeof(Employee), "sagsbehandler")],
            new CaseRules()),
        new("notifications", typeof(Notification), 6,
            [Req("notification_id", nameof(Notification.Id)), Req("unit_id", nameof(Notification.UnitId)), Req("child_id", nameof(Notification.ChildId)),
             Opt("case_id", nameof(Notification.CaseId)), Req("received_at", nameof(Notification.ReceivedAt), ColumnType.Timestamp),
             Opt("assessed_at", nameof(Notification.AssessedAt), ColumnType.Timestamp), Req("professional", nameof(Notification.Professional), ColumnType.Boolean),
             Opt("receipt_sent_on", nameof(Notification.ReceiptSentOn), ColumnType.Date)],
            [new("unit_id", typeof(OrgUnit), "enhed"), new("case_id", typeof(Case), "sag")],
            new NotificationRules()),
        new("examinations", typeof(Examination), 7,
            [Req("examination_id", nameof(Examination.Id)), Req("case_id", nameof(Examination.CaseId)),
             CodeColumn<ExaminationKind>("kind", nameof(Examination.Kind)), Req("aware_on", nameof(Examination.AwareOn), ColumnType.Date),
             Opt("completed_on", nameof(Examination.CompletedOn), ColumnType.Date)],
            [new("case_id", typeof(Case), "sag")],
            new ExaminationRules()),
        new("activities", typeof(Activity), 8,
            [Req("activity_id", nameof(Activity.Id)), Req("case_id", nameof(Activity.CaseId)), Req("paragraph", nameof(Activity.Paragraph)),
             CodeColumn<ActivityKind>("kind", nameof(Activity.Kind)), Req("function", nameof(Activity.Function)), Opt("provider", nameof(Activity.Provider)),
             Req("decided_on", nameof(Activity.DecidedOn), ColumnType.Date), Req("start_on", nameof(Activity.StartOn), ColumnType.Date),
             Opt("end_on", nameof(Activity.EndOn), ColumnType.Date), Opt("monthly_price", nameof(Activity.MonthlyPrice), ColumnType.Money),
             OptCode<EndReason>("end_reason", nameof(Activity.EndReason))],
            [new("case_id", typeof(Case), "sag")],
            new ActivityRules()),
        new("activity_events", typeof(ActivityEvent), 9,
            [Req("activity_id", nameof(ActivityEvent.ActivityId)), CodeColumn<ActivityEventKind>("event", nameof(ActivityEvent.Kind)),
             Req("occurred_on", nameof(ActivityEvent.OccurredOn), ColumnType.Date),
             Opt("next_followup_months", nameof(ActivityEvent.NextFollowUpMonths), ColumnType.Integer),
             OptCode<GoalAttained>("goal_attained", nameof(ActivityEvent.GoalAttained))],
            [new("activity_id", typeof(Activity), "indsats")],
            new ActivityEventRules()),
        new("payments", typeof(Payment), 10,
            [Req("payment_id", nameof(Payment.Id)), Req("unit_id", nameof(Payment.UnitId)), Req("function", nameof(Payment.Function)),
             Opt("activity_id", nameof(Payment.ActivityId)), Req("posted_on", nameof(Payment.PostedOn), ColumnType.Date),
             Req("amount", nameof(Payment.Amount), ColumnType.Money)],
            [new("unit_id", typeof(OrgUnit), "enhed"), new("activity_id", typeof(Activity), "indsats")],
            new PaymentRules()),
        new("budget", typeof(BudgetLine), 11,
            [Req("unit_id", nameof(BudgetLine.UnitId)), Req("function", nameof(BudgetLine.Function)),
             Req("month", nameof(BudgetLine.Month), ColumnType.Month), Req("amount", nameof(BudgetLine.Amount), ColumnType.Money)],
            [new("unit_id", typeof(OrgUnit), "enhed")],
            new BudgetRules()),
        new("hr", typeof(HrMonth), 12,
            [Req("employee_id", nameof(HrMonth.EmployeeId)), Req("month", nameof(HrMonth.Month), ColumnType.Month),
             Req("fte", nameof(HrMonth.Fte), ColumnType.Decimal), Req("hours_worked", nameof(HrMonth.HoursWorked), ColumnType.Decimal),
             Req("overtime_hours", nameof(HrMonth.OvertimeHours), ColumnType.Decimal), Req("sick_days", nameof(HrMonth.SickDays), ColumnType.Decimal)],
            [new("employee_id", typeof(Employee), "medarbejder")],
            new HrRules()),
    ];

    /// <summary>
    /// The kind of a file from its name: <c>payments.csv</c>, <c>payments_2025.xlsx</c>, <c>payments-januar.csv</c>.
    /// The longest matching name wins, so <c>activity_events</c> is never taken for <c>activities</c>.
    /// </summary>
    public static FileSpec? ForFileName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        return All.Where(s => stem == s.Name || (stem.StartsWith(s.Name, StringComparison.Ordinal) && stem.Length > s.Name.Length && stem[s.Name.Length] is '_' or '-' or '.' or ' '))
            .OrderByDescending(s => s.Name.Length)
            .FirstOrDefault();
    }

    [GeneratedRegex(@"^\d\.\d{2}\.\d{2}$")]
    internal static partial Regex FunctionPattern();

    [GeneratedRegex(@"^§\s?\d+[a-z]?(\s?stk\.\s?\d+)?$", RegexOptions.IgnoreCase)]
    internal static partial Regex ParagraphPattern();

}

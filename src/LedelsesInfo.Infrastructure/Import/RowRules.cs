using FluentValidation;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>
/// Row rules beyond "is it a date, is it a number" (those are checked while parsing). Each rule names its
/// column, so the error says file, row, column, value and why.
/// </summary>
internal abstract class RowRules : AbstractValidator<ImportRow>
{
    protected void NotNegative(string column) =>
        RuleFor(r => r.Decimal(column)).GreaterThanOrEqualTo(0).OverridePropertyName(column)
            .WithMessage("må ikke være negativ");

    protected void NotBefore(string later, string earlier, string reason) =>
        RuleFor(r => r.Date(later)).Must((r, v) => v is null || r.Date(earlier) is null || v >= r.Date(earlier))
            .OverridePropertyName(later).WithMessage(reason);

    protected void Function(string column) =>
        RuleFor(r => r.Text(column)).Must(v => v is null || FileSpecs.FunctionPattern().IsMatch(v)).OverridePropertyName(column)
            .WithMessage("er ikke en funktion i kontoplanen (skrives fx 5.28.22)");

    protected void Year(string column) =>
        RuleFor(r => r.Integer(column)).InclusiveBetween(1990, 2100).OverridePropertyName(column)
            .WithMessage("er ikke et gyldigt år");
}

internal sealed class OrganisationRules : RowRules
{
    public OrganisationRules()
    {
        RuleFor(r => r.Text("parent_id")).Must((r, p) => p != r.Text("unit_id")).OverridePropertyName("parent_id")
            .WithMessage("en enhed kan ikke være sin egen overordnede");
        RuleFor(r => r.Text("parent_id")).Must((r, p) => p is not null || r["level"] is UnitLevel.Municipality)
            .OverridePropertyName("parent_id").WithMessage("kun kommunen (roden) må mangle en overordnet enhed");
    }
}

internal sealed class EmployeeRules : RowRules
{
    public EmployeeRules() =>
        RuleFor(r => r.Text("login")).Must(l => l is null || l.Contains('@', StringComparison.Ordinal)).OverridePropertyName("login")
            .WithMessage("skal være et brugernavn som navn@kommune.dk");
}

internal sealed class PopulationRules : RowRules
{
    public PopulationRules()
    {
        Year("year");
        RuleFor(r => r.Integer("age_0_17")).GreaterThanOrEqualTo(0).OverridePropertyName("age_0_17").WithMessage("må ikke være negativ");
        RuleFor(r => r.Integer("age_0_22")).GreaterThanOrEqualTo(r => r.Integer("age_0_17")).OverridePropertyName("age_0_22")
            .WithMessage("kan ikke være mindre end antallet af 0-17-årige");
    }
}

internal sealed class GoalRules : RowRules
{
    public GoalRules()
    {
        Year("year");
        RuleFor(r => r.Text("kpi_code")).Must(c => c is not null && KpiCatalogue.Exists(c)).OverridePropertyName("kpi_code")
            .WithMessage("er ikke et nøgletal i kataloget (fx U2, B1, F1)");
        NotNegative("target");
    }
}

internal sealed class CaseRules : RowRules
{
    public CaseRules()
    {
        RuleFor(r => r.Date("opened_on")).Must((r, d) => d is null || r.Date("birth_date") is null || d >= r.Date("birth_date")!.Value.AddMonths(-9))
            .OverridePropertyName("opened_on").WithMessage("ligger mere end 9 måneder før barnets fødsel");
        NotBefore("closed_on", "opened_on", "sagen kan ikke lukkes før den er åbnet");
    }
}

internal sealed class NotificationRules : RowRules
{
    public NotificationRules()
    {
        RuleFor(r => r.Timestamp("assessed_at")).Must((r, a) => a is null || a >= r.Timestamp("received_at")).OverridePropertyName("assessed_at")
            .WithMessage("vurderingen kan ikke ligge før modtagelsen");
        RuleFor(r => r.Date("receipt_sent_on")).Must((r, d) => d is null || r.Timestamp("received_at") is not { } at || d >= DateOnly.FromDateTime(at))
            .OverridePropertyName("receipt_sent_on").WithMessage("kvitteringen kan ikke være sendt før underretningen blev modtaget");
        RuleFor(r => r.Date("receipt_sent_on")).Must((r, d) => d is null || r["professional"] is true).OverridePropertyName("receipt_sent_on")
            .WithMessage("kvittering sendes kun til fagpersoner (professional er nej)");
    }
}

internal sealed class ExaminationRules : RowRules
{
    public ExaminationRules()
    {
        NotBefore("completed_on", "aware_on", "undersøgelsen kan ikke være afsluttet før kommunen blev opmærksom på behovet");
    }
}

internal sealed class ActivityRules : RowRules
{
    public ActivityRules()
    {
        Function("function");
        RuleFor(r => r.Text("paragraph")).Must(p => p is null || FileSpecs.ParagraphPattern().IsMatch(p)).OverridePropertyName("paragraph")
            .WithMessage("skal være en paragraf som §32 eller §46");
        NotBefore("start_on", "decided_on", "indsatsen kan ikke starte før den er bevilget");
        NotBefore("end_on", "start_on", "indsatsen kan ikke slutte før den starter");
        NotNegative("monthly_price");
        RuleFor(r => r["end_reason"]).Null().When(r => r.Date("end_on") is null).OverridePropertyName("end_reason")
            .WithMessage("en slutårsag angives kun, når indsatsen har en slutdato (end_on)");
    }
}

internal sealed class ActivityEventRules : RowRules
{
    public ActivityEventRules()
    {
        RuleFor(r => r.Integer("next_followup_months")).InclusiveBetween(1, 24).When(r => r.Integer("next_followup_months") is not null)
            .OverridePropertyName("next_followup_months").WithMessage("skal være mellem 1 og 24 måneder");
        RuleFor(r => r.Integer("next_followup_months")).Null().When(r => r["event"] is not ActivityEventKind.FollowUp)
            .OverridePropertyName("next_followup_months").WithMessage("kadence angives kun ved en opfølgning");
        RuleFor(r => r["goal_attained"]).Null().When(r => r["event"] is not ActivityEventKind.FollowUp)
            .OverridePropertyName("goal_attained").WithMessage("målopfyldelse angives kun ved en opfølgning (event opfoelgning)");
    }
}

internal sealed class PaymentRules : RowRules
{
    public PaymentRules()
    {
        Function("function");
        // Amounts may be negative: corrections are booked as negative payments.
    }
}

internal sealed class BudgetRules : RowRules
{
    public BudgetRules()
    {
        Function("function");
        NotNegative("amount");
    }
}

internal sealed class HrRules : RowRules
{
    public HrRules()
    {
        RuleFor(r => r.Decimal("fte")).InclusiveBetween(0, 2).OverridePropertyName("fte").WithMessage("skal være mellem 0 og 2 årsværk");
        RuleFor(r => r.Decimal("hours_worked")).InclusiveBetween(0, 400).OverridePropertyName("hours_worked").WithMessage("skal være mellem 0 og 400 timer i en måned");
        NotNegative("overtime_hours");
        RuleFor(r => r.Decimal("sick_days")).InclusiveBetween(0, 31).OverridePropertyName("sick_days").WithMessage("skal være mellem 0 og 31 dage i en måned");
    }
}

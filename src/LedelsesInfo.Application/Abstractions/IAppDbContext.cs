using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LedelsesInfo.Application.Abstractions;

/// <summary>The database as handlers see it: EF's DbSets directly, no repositories (docs/decisions/0004).</summary>
public interface IAppDbContext
{
    DbSet<OrgUnit> OrgUnits { get; }
    DbSet<Employee> Employees { get; }
    DbSet<Case> Cases { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<Examination> Examinations { get; }
    DbSet<Activity> Activities { get; }
    DbSet<ActivityEvent> ActivityEvents { get; }
    DbSet<Payment> Payments { get; }
    DbSet<BudgetLine> BudgetLines { get; }
    DbSet<HrMonth> HrMonths { get; }
    DbSet<Goal> Goals { get; }
    DbSet<Population> Populations { get; }
    DbSet<KpiDefinition> KpiDefinitions { get; }
    DbSet<KpiValue> KpiValues { get; }
    DbSet<DeadlineInstance> Deadlines { get; }
    DbSet<AudienceSetting> AudienceSettings { get; }
    DbSet<ImportRun> ImportRuns { get; }
    DbSet<SignInSession> SignInSessions { get; }
    DbSet<ImportBatch> ImportBatches { get; }
    DbSet<ImportRowError> ImportRowErrors { get; }
    DbSet<AccessLogEntry> AccessLog { get; }
    DbSet<AccessLogCaseDay> AccessLogCaseDays { get; }
    DbSet<ReviewTemplate> ReviewTemplates { get; }
    DbSet<ReviewQuestion> ReviewQuestions { get; }
    DbSet<ReviewRound> ReviewRounds { get; }
    DbSet<ReviewCase> ReviewCases { get; }
    DbSet<ReviewAnswer> ReviewAnswers { get; }
    DbSet<ActionPlanItem> ActionPlans { get; }
    DbSet<DataVersion> DataVersions { get; }
    DbSet<KpiSnapshot> KpiSnapshots { get; }
    DbSet<EconomyMonth> EconomyMonths { get; }
    DbSet<DeadlineMark> DeadlineMarks { get; }
    DbSet<FigureNote> FigureNotes { get; }
    DbSet<NoteExplanation> NoteExplanations { get; }
    DbSet<FigureNoteVersion> FigureNoteVersions { get; }
    DbSet<FigureExpectation> FigureExpectations { get; }
    DbSet<FigureAction> FigureActions { get; }
    DbSet<WeeklyMessageSetting> WeeklyMessageSettings { get; }
    DbSet<WeeklyMessageOptOut> WeeklyMessageOptOuts { get; }
    DbSet<SentMessage> SentMessages { get; }
    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends one access-log line per case in one statement (a team leader's list shows hundreds of cases per view).</summary>
    Task AppendAccessLogAsync(DateTime at, string userName, string? employeeId, string page, string action, IReadOnlyCollection<string?> caseIds, CancellationToken cancellationToken);
}

using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <param name="accessLog">The web app's group commit for the access log; without it (the CLI, tests) each view is written at once.</param>
public sealed class LedelsesInfoDbContext(DbContextOptions<LedelsesInfoDbContext> options, AccessLogWriter? accessLog = null) : DbContext(options), IAppDbContext, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>Ids from source systems: generous but bounded, so SQL Server can index them.</summary>
    internal const int IdLength = 64;

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Examination> Examinations => Set<Examination>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityEvent> ActivityEvents => Set<ActivityEvent>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<HrMonth> HrMonths => Set<HrMonth>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Population> Populations => Set<Population>();
    public DbSet<KpiDefinition> KpiDefinitions => Set<KpiDefinition>();
    public DbSet<KpiValue> KpiValues => Set<KpiValue>();
    public DbSet<DeadlineInstance> Deadlines => Set<DeadlineInstance>();
    public DbSet<AudienceSetting> AudienceSettings => Set<AudienceSetting>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    /// <summary>The keys that protect cookies and forms, shared by every web instance (docs/operations.md).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<AccessLogCaseDay> AccessLogCaseDays => Set<AccessLogCaseDay>();
    public DbSet<ReviewTemplate> ReviewTemplates => Set<ReviewTemplate>();
    public DbSet<ReviewQuestion> ReviewQuestions => Set<ReviewQuestion>();
    public DbSet<ReviewRound> ReviewRounds => Set<ReviewRound>();
    public DbSet<ReviewCase> ReviewCases => Set<ReviewCase>();
    public DbSet<ReviewAnswer> ReviewAnswers => Set<ReviewAnswer>();
    public DbSet<ActionPlanItem> ActionPlans => Set<ActionPlanItem>();
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();
    public DbSet<KpiSnapshot> KpiSnapshots => Set<KpiSnapshot>();
    public DbSet<EconomyMonth> EconomyMonths => Set<EconomyMonth>();
    public DbSet<DeadlineMark> DeadlineMarks => Set<DeadlineMark>();
    public DbSet<FigureNote> FigureNotes => Set<FigureNote>();
    public DbSet<NoteExplanation> NoteExplanations => Set<NoteExplanation>();
    public DbSet<FigureNoteVersion> FigureNoteVersions => Set<FigureNoteVersion>();
    public DbSet<FigureExpectation> FigureExpectations => Set<FigureExpectation>();
    public DbSet<FigureAction> FigureActions => Set<FigureAction>();
    public DbSet<WeeklyMessageSetting> WeeklyMessageSettings => Set<WeeklyMessageSetting>();
    public DbSet<WeeklyMessageOptOut> WeeklyMessageOptOuts => Set<WeeklyMessageOptOut>();
    public DbSet<SentMessage> SentMessages => Set<SentMessage>();

    /// <summary>
    /// While set, saves do not move the data version (<see cref="DataVersionInterceptor"/>): an import whose recompute
    /// follows leaves the one bump to the recompute, so readers are served the old answers until the new figures are
    /// ready, and the cache is emptied once, not per file (docs/decisions/0006). Whoever sets it bumps the version after.
    /// </summary>
    public bool DefersDataVersion { get; set; }

    /// <summary>Moves the data version on now: after work done with <see cref="DefersDataVersion"/>, when no recompute did it.</summary>
    public Task BumpDataVersionAsync(CancellationToken ct = default) => Database.ExecuteSqlRawAsync(SqlDialect.For(this).BumpDataVersion, ct);

    private bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<string>().HaveMaxLength(IdLength);
        configurationBuilder.Properties<UnitLevel>().HaveConversion<CodeConverter<UnitLevel>>().HaveMaxLength(20);
        configurationBuilder.Properties<EmployeeRole>().HaveConversion<CodeConverter<EmployeeRole>>().HaveMaxLength(20);
        configurationBuilder.Properties<Audience>().HaveConversion<CodeConverter<Audience>>().HaveMaxLength(20);
        configurationBuilder.Properties<ExaminationKind>().HaveConversion<CodeConverter<ExaminationKind>>().HaveMaxLength(20);
        configurationBuilder.Properties<ActivityKind>().HaveConversion<CodeConverter<ActivityKind>>().HaveMaxLength(30);
        configurationBuilder.Properties<ActivityEventKind>().HaveConversion<CodeConverter<ActivityEventKind>>().HaveMaxLength(30);
        configurationBuilder.Properties<PeriodKind>().HaveConversion<CodeConverter<PeriodKind>>().HaveMaxLength(10);
        configurationBuilder.Properties<DeadlineKind>().HaveConversion<CodeConverter<DeadlineKind>>().HaveMaxLength(20);
        configurationBuilder.Properties<ReviewAnswerValue>().HaveConversion<CodeConverter<ReviewAnswerValue>>().HaveMaxLength(20);
        configurationBuilder.Properties<ReviewMode>().HaveConversion<CodeConverter<ReviewMode>>().HaveMaxLength(20);
        configurationBuilder.Properties<RoundStatus>().HaveConversion<CodeConverter<RoundStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<AnswerStage>().HaveConversion<CodeConverter<AnswerStage>>().HaveMaxLength(20);
        configurationBuilder.Properties<ImportStatus>().HaveConversion<CodeConverter<ImportStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<DeadlineMarkKind>().HaveConversion<CodeConverter<DeadlineMarkKind>>().HaveMaxLength(20);
        configurationBuilder.Properties<ImportSource>().HaveConversion<CodeConverter<ImportSource>>().HaveMaxLength(20);
        configurationBuilder.Properties<ExplanationSource>().HaveConversion<CodeConverter<ExplanationSource>>().HaveMaxLength(20);
        configurationBuilder.Properties<ExplanationScope>().HaveConversion<CodeConverter<ExplanationScope>>().HaveMaxLength(20);
        configurationBuilder.Properties<Heading>().HaveConversion<CodeConverter<Heading>>().HaveMaxLength(10);
        configurationBuilder.Properties<EndReason>().HaveConversion<CodeConverter<EndReason>>().HaveMaxLength(20);
        configurationBuilder.Properties<GoalAttained>().HaveConversion<CodeConverter<GoalAttained>>().HaveMaxLength(10);
        // Quantities (FTE, hours, days, targets, key-figure parts): four decimals is plenty and exact.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // One configuration per entity, grouped by area in Configurations/; money is stored as øre on SQLite.
        modelBuilder.ApplyConfiguration(new Configurations.OrgUnitConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.EmployeeConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.HrMonthConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.PopulationConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.CaseConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.NotificationConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ExaminationConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ActivityConfiguration(IsSqlite));
        modelBuilder.ApplyConfiguration(new Configurations.ActivityEventConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.PaymentConfiguration(IsSqlite));
        modelBuilder.ApplyConfiguration(new Configurations.BudgetLineConfiguration(IsSqlite));
        modelBuilder.ApplyConfiguration(new Configurations.GoalConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.KpiDefinitionConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.KpiValueConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.DeadlineInstanceConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.KpiSnapshotConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.EconomyMonthConfiguration(IsSqlite));
        modelBuilder.ApplyConfiguration(new Configurations.AudienceSettingConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ReviewTemplateConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ReviewQuestionConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ReviewRoundConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ReviewCaseConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ReviewAnswerConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ActionPlanItemConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ImportRunConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ImportBatchConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.SignInSessionConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.DataProtectionKeyConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.ImportRowErrorConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.AccessLogEntryConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.AccessLogCaseDayConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.DataVersionConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.DeadlineMarkConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.FigureNoteConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.NoteExplanationConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.FigureNoteVersionConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.FigureExpectationConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.FigureActionConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.WeeklyMessageSettingConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.WeeklyMessageOptOutConfiguration());
        modelBuilder.ApplyConfiguration(new Configurations.SentMessageConfiguration());
    }

    public async Task AppendAccessLogAsync(DateTime at, string userName, string? employeeId, string page, string action, IReadOnlyCollection<string?> caseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        if (caseIds.Count == 0)
        {
            return;
        }
        var view = new AccessLogView(at, userName, employeeId, page, action, caseIds);
        // Inside a caller's transaction the view belongs to it; the writer's own transaction would wait for its lock.
        if (accessLog is not null && Database.CurrentTransaction is null)
        {
            await accessLog.AppendAsync(view, cancellationToken);
            return;
        }
        var (sql, parameters) = AccessLogStatement(view);
        await Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>Writes one view in the current transaction, for <see cref="AccessLogWriter"/>'s thread.</summary>
    internal void InsertAccessLog(AccessLogView view)
    {
        var (sql, parameters) = AccessLogStatement(view);
        Database.ExecuteSqlRaw(sql, parameters);
    }

    /// <summary>
    /// One command per view: the view's row, its cases packed as one JSON array (<see cref="AccessLogEntry.Pack"/>), and the
    /// days new to <see cref="AccessLogCaseDay"/>, unpacked from the same array by the database.
    /// </summary>
    private (string Sql, System.Data.Common.DbParameter[] Parameters) AccessLogStatement(AccessLogView view)
    {
        using var factory = Database.GetDbConnection().CreateCommand();
        System.Data.Common.DbParameter Parameter(string name, object? value)
        {
            var parameter = factory.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value; // a refusal without a signed-in employee logs no employee
            return parameter;
        }
        return (SqlDialect.For(this).AccessLogInsert,
            [Parameter("@at", view.At), Parameter("@user", view.UserName), Parameter("@employee", view.EmployeeId), Parameter("@page", view.Page),
             Parameter("@action", view.Action), Parameter("@ids", AccessLogEntry.Pack(view.CaseIds)), Parameter("@day", DateOnly.FromDateTime(view.At))]);
    }
}

/// <summary>
/// Money is decimal in the model on both providers. SQLite has no decimal type, so there it is stored as whole øre in an
/// INTEGER: SUM runs natively and exactly (docs/decisions/0005-money-as-ore-on-sqlite.md).
/// </summary>
internal static class MoneyColumn
{
    public static void Configure<T>(bool oreOnSqlite, Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> property)
    {
        if (!oreOnSqlite)
        {
            property.HasPrecision(18, 2);
        }
        else if (typeof(T) == typeof(decimal))
        {
            property.HasConversion(new ValueConverter<decimal, long>(v => Ore.From(v), v => Ore.ToKroner(v)));
        }
        else
        {
            property.HasConversion(new ValueConverter<decimal?, long?>(v => v == null ? null : Ore.From(v.Value), v => v == null ? null : Ore.ToKroner(v.Value)));
        }
    }
}

public static class Ore
{
    public static long From(decimal kroner) => decimal.ToInt64(decimal.Round(kroner * 100m, 0, MidpointRounding.AwayFromZero));

    public static decimal ToKroner(long ore) => ore / 100m;
}

/// <summary>Stores an enum as its code from the import files (docs/formats.md), so raw SQL reads like the files.</summary>
public sealed class CodeConverter<TEnum>() : ValueConverter<TEnum, string>(v => Code<TEnum>.Of(v), v => Code<TEnum>.Parse(v))
    where TEnum : struct, Enum;

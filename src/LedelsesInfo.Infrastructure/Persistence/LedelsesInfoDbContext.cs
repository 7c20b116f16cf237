using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <param name="accessLog">The web app's group commit for the access log; without it (the CLI, tests) each view's lines are written at once.</param>
public sealed class LedelsesInfoDbContext(DbContextOptions<LedelsesInfoDbContext> options, AccessLogWriter? accessLog = null) : DbContext(options), IAppDbContext
{
    /// <summary>Ids from source systems: generous but bounded, so SQL Server can index them.</summary>
    private const int IdLength = 64;

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
        // Quantities (FTE, hours, days, targets, key-figure parts): four decimals is plenty and exact.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var b = modelBuilder;

        b.Entity<OrgUnit>(e =>
        {
            e.ToTable("org_units");
            e.HasIndex(x => x.ParentId);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<Employee>(e =>
        {
            e.ToTable("employees");
            e.HasIndex(x => x.UnitId);
            e.HasIndex(x => x.Login);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Login).HasMaxLength(256);
        });
        b.Entity<Case>(e =>
        {
            e.ToTable("cases");
            e.HasIndex(x => new { x.TeamId, x.ClosedOn });
            e.HasIndex(x => x.CaseworkerId);
        });
        b.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasIndex(x => new { x.UnitId, x.ReceivedAt });
        });
        b.Entity<Examination>(e =>
        {
            e.ToTable("examinations");
            e.HasIndex(x => x.CaseId);
        });
        b.Entity<Activity>(e =>
        {
            e.ToTable("activities");
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Provider).HasMaxLength(200);
            Money(e.Property(x => x.MonthlyPrice));
        });
        b.Entity<ActivityEvent>(e =>
        {
            e.ToTable("activity_events");
            e.HasKey(x => new { x.ActivityId, x.Kind, x.OccurredOn });
        });
        b.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.HasIndex(x => new { x.UnitId, x.PostedOn });
            // By date, covering the economy's sums (a year's spending by function; the recompute's facts from a day on).
            e.HasIndex(x => new { x.PostedOn, x.Function, x.UnitId, x.Amount });
            e.HasIndex(x => x.ActivityId);
            e.Property(x => x.Function).HasMaxLength(10);
            Money(e.Property(x => x.Amount));
        });
        b.Entity<BudgetLine>(e =>
        {
            e.ToTable("budget_lines");
            e.HasKey(x => new { x.UnitId, x.Function, x.Month });
            e.Property(x => x.Function).HasMaxLength(10);
            Money(e.Property(x => x.Amount));
        });
        b.Entity<HrMonth>(e =>
        {
            e.ToTable("hr_months");
            e.HasKey(x => new { x.EmployeeId, x.Month });
        });
        b.Entity<Goal>(e =>
        {
            e.ToTable("goals");
            e.HasKey(x => new { x.KpiCode, x.UnitId, x.Year });
        });
        b.Entity<Population>(e =>
        {
            e.ToTable("population");
            e.HasKey(x => new { x.UnitId, x.Year });
        });
        b.Entity<KpiDefinition>(e =>
        {
            e.ToTable("kpi_definitions");
            e.HasKey(x => x.Code);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Rule).HasMaxLength(4000);
            e.Property(x => x.LegalBasis).HasMaxLength(400);
            e.Property(x => x.SourceFiles).HasMaxLength(400);
        });
        b.Entity<KpiValue>(e =>
        {
            e.ToTable("kpi_values");
            e.HasKey(x => new { x.AsOf, x.KpiCode, x.UnitId, x.PeriodKind, x.Period });
            e.HasIndex(x => new { x.AsOf, x.UnitId, x.PeriodKind, x.Period });
            e.Property(x => x.Period).HasMaxLength(10);
            // Denominators such as FTE ÷ 12 do not terminate; ten decimals keep the value exact to its sixth digit.
            e.Property(x => x.Numerator).HasPrecision(28, 10);
            e.Property(x => x.Denominator).HasPrecision(28, 10);
        });
        b.Entity<DeadlineInstance>(e =>
        {
            e.ToTable("deadlines");
            e.HasKey(x => new { x.AsOf, x.Kind, x.SourceId, x.K });
            e.HasIndex(x => new { x.AsOf, x.TeamId, x.Due });
            e.HasIndex(x => new { x.AsOf, x.CaseworkerId, x.Due });
            e.HasIndex(x => new { x.AsOf, x.CaseId });
        });
        b.Entity<KpiSnapshot>(e =>
        {
            e.ToTable("kpi_snapshots");
            e.HasKey(x => x.AsOf);
        });
        b.Entity<AudienceSetting>(e =>
        {
            e.ToTable("audience_settings");
            e.HasKey(x => new { x.Audience, x.KpiCode });
        });
        b.Entity<ImportBatch>(e =>
        {
            e.ToTable("import_batches");
            e.Property(x => x.FileName).HasMaxLength(400);
            e.Property(x => x.ImportedBy).HasMaxLength(256);
            e.Property(x => x.Message).HasMaxLength(4000);
            e.HasMany(x => x.Errors).WithOne().HasForeignKey(x => x.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportRowError>(e =>
        {
            e.ToTable("import_row_errors");
            e.Property(x => x.Column).HasMaxLength(100);
            e.Property(x => x.Value).HasMaxLength(400);
            e.Property(x => x.Reason).HasMaxLength(1000);
        });
        b.Entity<ReviewTemplate>(e =>
        {
            e.ToTable("review_templates");
            e.HasIndex(x => new { x.FamilyKey, x.Version }).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReviewQuestion>(e =>
        {
            e.ToTable("review_questions");
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.FocusArea).HasMaxLength(100);
            e.Property(x => x.KpiCode).HasMaxLength(10);
        });
        b.Entity<ReviewRound>(e =>
        {
            e.ToTable("review_rounds");
            e.HasIndex(x => new { x.TeamId, x.Year, x.Quarter });
            e.Property(x => x.FocusArea).HasMaxLength(100);
            e.Property(x => x.SignedOffBy).HasMaxLength(256);
            e.Property(x => x.LearningPoints).HasMaxLength(4000);
            e.Property(x => x.ReflectionQuestions).HasMaxLength(4000);
        });
        b.Entity<ReviewCase>(e =>
        {
            e.ToTable("review_cases");
            e.HasIndex(x => new { x.RoundId, x.CaseId });
            e.Property(x => x.MeasureKind).HasMaxLength(30);
            e.Property(x => x.Reason).HasMaxLength(400);
            e.Property(x => x.SwapReason).HasMaxLength(400);
        });
        b.Entity<ReviewAnswer>(e =>
        {
            e.ToTable("review_answers");
            e.HasIndex(x => new { x.ReviewCaseId, x.QuestionId, x.Stage }).IsUnique();
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.Property(x => x.AnsweredBy).HasMaxLength(256);
        });
        b.Entity<ActionPlanItem>(e =>
        {
            e.ToTable("action_plans");
            e.HasIndex(x => x.RoundId);
            e.Property(x => x.What).HasMaxLength(1000);
            e.Property(x => x.Who).HasMaxLength(200);
        });
        b.Entity<AccessLogEntry>(e =>
        {
            e.ToTable("access_log");
            e.HasIndex(x => x.At);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Page).HasMaxLength(400);
            e.Property(x => x.Action).HasMaxLength(100);
        });
        b.Entity<AccessLogCaseDay>(e =>
        {
            e.ToTable("access_log_case_days");
            e.HasKey(x => new { x.CaseId, x.Day });
            e.Property(x => x.CaseId).HasMaxLength(IdLength);
        });
        b.Entity<DataVersion>(e =>
        {
            e.ToTable("data_version");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new DataVersion { Id = DataVersion.SingleId, Version = 1 });
        });
    }

    public async Task AppendAccessLogAsync(DateTime at, string userName, string? employeeId, string page, string action, IReadOnlyCollection<string?> caseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        if (caseIds.Count == 0)
        {
            return;
        }
        var lines = new AccessLogLines(at, userName, employeeId, page, action, caseIds);
        // Inside a caller's transaction the lines belong to it; the writer's own transaction would wait for its lock.
        if (accessLog is not null && Database.CurrentTransaction is null)
        {
            await accessLog.AppendAsync(lines, cancellationToken);
            return;
        }
        var (sql, parameters) = AccessLogStatement(lines);
        await Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>Writes one view's lines in the current transaction, for <see cref="AccessLogWriter"/>'s thread.</summary>
    internal void InsertAccessLog(AccessLogLines lines)
    {
        var (sql, parameters) = AccessLogStatement(lines);
        Database.ExecuteSqlRaw(sql, parameters);
    }

    /// <summary>The case ids travel as one JSON array parameter and are unpacked by the database: one command per view, the log rows and the new days.</summary>
    private (string Sql, System.Data.Common.DbParameter[] Parameters) AccessLogStatement(AccessLogLines lines)
    {
        // The day index takes only what is new: SQLite ignores a key it has; on SQL Server the key range is held until commit.
        const string Sqlite = "INSERT INTO access_log (At, UserName, EmployeeId, CaseId, Page, Action) SELECT @at, @user, @employee, value, @page, @action FROM json_each(@ids);"
            + " INSERT OR IGNORE INTO access_log_case_days (CaseId, Day) SELECT value, @day FROM json_each(@ids) WHERE value IS NOT NULL";
        const string SqlServer = "INSERT INTO access_log (At, UserName, EmployeeId, CaseId, Page, Action) SELECT @at, @user, @employee, [value], @page, @action FROM OPENJSON(@ids);"
            + " INSERT INTO access_log_case_days (CaseId, Day) SELECT DISTINCT [value], @day FROM OPENJSON(@ids) AS ids WHERE [value] IS NOT NULL"
            + " AND NOT EXISTS (SELECT 1 FROM access_log_case_days AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.CaseId = ids.[value] AND d.Day = @day)";
        using var factory = Database.GetDbConnection().CreateCommand();
        System.Data.Common.DbParameter Parameter(string name, object? value)
        {
            var parameter = factory.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value; // a refusal without a signed-in employee logs no employee
            return parameter;
        }
        return (IsSqlite ? Sqlite : SqlServer,
            [Parameter("@at", lines.At), Parameter("@user", lines.UserName), Parameter("@employee", lines.EmployeeId), Parameter("@page", lines.Page),
             Parameter("@action", lines.Action), Parameter("@ids", System.Text.Json.JsonSerializer.Serialize(lines.CaseIds)), Parameter("@day", DateOnly.FromDateTime(lines.At))]);
    }

    /// <summary>The statement that moves the data version on, for writers that go around EF (the importer, the engine).</summary>
    public const string BumpDataVersionSql = "UPDATE data_version SET Version = Version + 1 WHERE Id = 1";

    /// <summary>
    /// Saves, and moves the data version on in the same transaction when anything but the access log changed, so no
    /// cached page outlives the data it was read from.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changesData = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AccessLogEntry);
        if (!changesData)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Database.ExecuteSqlRawAsync(BumpDataVersionSql, cancellationToken);
            return saved;
        }
        return await Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await Database.BeginTransactionAsync(ct);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            await Database.ExecuteSqlRawAsync(BumpDataVersionSql, ct);
            await transaction.CommitAsync(ct);
            return saved;
        }, cancellationToken);
    }

    /// <summary>
    /// Money is decimal in the model on both providers. SQLite has no decimal type, so there it is stored
    /// as whole øre in an INTEGER: SUM runs natively and exactly (docs/decisions/0005-money-as-ore-on-sqlite.md).
    /// </summary>
    private void Money<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> property)
    {
        if (IsSqlite)
        {
            if (typeof(T) == typeof(decimal))
            {
                property.HasConversion(new ValueConverter<decimal, long>(v => Ore.From(v), v => Ore.ToKroner(v)));
            }
            else
            {
                property.HasConversion(new ValueConverter<decimal?, long?>(v => v == null ? null : Ore.From(v.Value), v => v == null ? null : Ore.ToKroner(v.Value)));
            }
        }
        else
        {
            property.HasPrecision(18, 2);
        }
    }
}

public static class Ore
{
    public static long From(decimal kroner) => decimal.ToInt64(decimal.Round(kroner * 100m, 0, MidpointRounding.AwayFromZero));

    public static decimal ToKroner(long ore) => ore / 100m;
}

/// <summary>Stores an enum as its code from shared/formats.md, so raw SQL reads like the import files.</summary>
public sealed class CodeConverter<TEnum>() : ValueConverter<TEnum, string>(v => Code<TEnum>.Of(v), v => Code<TEnum>.Parse(v))
    where TEnum : struct, Enum;

using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("goals");
        e.HasKey(x => new { x.KpiCode, x.UnitId, x.Year });
    }
}

internal sealed class KpiDefinitionConfiguration : IEntityTypeConfiguration<KpiDefinition>
{
    public void Configure(EntityTypeBuilder<KpiDefinition> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("kpi_definitions");
        e.HasKey(x => x.Code);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.Rule).HasMaxLength(4000);
        e.Property(x => x.LegalBasis).HasMaxLength(400);
        e.Property(x => x.SourceFiles).HasMaxLength(400);
    }
}

internal sealed class KpiValueConfiguration : IEntityTypeConfiguration<KpiValue>
{
    public void Configure(EntityTypeBuilder<KpiValue> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("kpi_values");
        e.HasKey(x => new { x.AsOf, x.KpiCode, x.UnitId, x.PeriodKind, x.Period });
        e.HasIndex(x => new { x.AsOf, x.UnitId, x.PeriodKind, x.Period });
        e.Property(x => x.Period).HasMaxLength(10);
        // Denominators such as FTE ÷ 12 do not terminate; ten decimals keep the value exact to its sixth digit.
        e.Property(x => x.Numerator).HasPrecision(28, 10);
        e.Property(x => x.Denominator).HasPrecision(28, 10);
    }
}

internal sealed class DeadlineInstanceConfiguration : IEntityTypeConfiguration<DeadlineInstance>
{
    public void Configure(EntityTypeBuilder<DeadlineInstance> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("deadlines");
        e.HasKey(x => new { x.AsOf, x.Kind, x.SourceId, x.K });
        e.HasIndex(x => new { x.AsOf, x.TeamId, x.Due });
        // The team's week: the deadlines not done by a day, without reading the years of deadlines met on time.
        e.HasIndex(x => new { x.AsOf, x.TeamId, x.DoneOn, x.Due });
        e.HasIndex(x => new { x.AsOf, x.CaseworkerId, x.Due });
        e.HasIndex(x => new { x.AsOf, x.CaseId });
    }
}

internal sealed class EconomyMonthConfiguration(bool oreOnSqlite) : IEntityTypeConfiguration<EconomyMonth>
{
    public void Configure(EntityTypeBuilder<EconomyMonth> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("economy_months");
        e.HasKey(x => new { x.AsOf, x.UnitId, x.Function, x.Month });
        e.HasIndex(x => new { x.AsOf, x.Month });
        e.Property(x => x.Function).HasMaxLength(10);
        MoneyColumn.Configure(oreOnSqlite, e.Property(x => x.Spent));
        MoneyColumn.Configure(oreOnSqlite, e.Property(x => x.SpentOnActivities));
        MoneyColumn.Configure(oreOnSqlite, e.Property(x => x.Budget));
    }
}

internal sealed class KpiSnapshotConfiguration : IEntityTypeConfiguration<KpiSnapshot>
{
    public void Configure(EntityTypeBuilder<KpiSnapshot> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("kpi_snapshots");
        e.HasKey(x => x.AsOf);
    }
}

internal sealed class AudienceSettingConfiguration : IEntityTypeConfiguration<AudienceSetting>
{
    public void Configure(EntityTypeBuilder<AudienceSetting> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("audience_settings");
        e.HasKey(x => new { x.Audience, x.KpiCode });
    }
}

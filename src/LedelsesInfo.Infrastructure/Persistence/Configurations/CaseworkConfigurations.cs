using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("cases");
        e.HasIndex(x => new { x.TeamId, x.ClosedOn });
        e.HasIndex(x => x.CaseworkerId);
        // E3: a notification looks for the same child's cases closed in the year before it.
        e.HasIndex(x => new { x.ChildId, x.ClosedOn });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("notifications");
        e.HasIndex(x => new { x.UnitId, x.ReceivedAt });
    }
}

internal sealed class ExaminationConfiguration : IEntityTypeConfiguration<Examination>
{
    public void Configure(EntityTypeBuilder<Examination> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("examinations");
        e.HasIndex(x => x.CaseId);
    }
}

internal sealed class ActivityConfiguration(bool oreOnSqlite) : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("activities");
        e.HasIndex(x => x.CaseId);
        e.Property(x => x.Provider).HasMaxLength(200);
        MoneyColumn.Configure(oreOnSqlite, e.Property(x => x.MonthlyPrice));
    }
}

internal sealed class ActivityEventConfiguration : IEntityTypeConfiguration<ActivityEvent>
{
    public void Configure(EntityTypeBuilder<ActivityEvent> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("activity_events");
        e.HasKey(x => new { x.ActivityId, x.Kind, x.OccurredOn });
    }
}

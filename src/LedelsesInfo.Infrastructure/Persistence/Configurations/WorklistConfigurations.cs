using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class DeadlineMarkConfiguration : IEntityTypeConfiguration<DeadlineMark>
{
    public void Configure(EntityTypeBuilder<DeadlineMark> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("deadline_marks");
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.SetBy).HasMaxLength(256);
        e.HasIndex(x => new { x.CaseId, x.Kind, x.SourceId, x.K });
    }
}

internal sealed class WeeklyMessageSettingConfiguration : IEntityTypeConfiguration<WeeklyMessageSetting>
{
    public void Configure(EntityTypeBuilder<WeeklyMessageSetting> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("weekly_message_settings");
        e.HasKey(x => x.Audience);
        // Team leaders and caseworkers get the message unless an administrator turns it off.
        e.HasData(new WeeklyMessageSetting { Audience = Audience.TeamLeader, Enabled = true }, new WeeklyMessageSetting { Audience = Audience.Caseworker, Enabled = true });
    }
}

internal sealed class WeeklyMessageOptOutConfiguration : IEntityTypeConfiguration<WeeklyMessageOptOut>
{
    public void Configure(EntityTypeBuilder<WeeklyMessageOptOut> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("weekly_message_opt_outs");
        e.HasKey(x => x.EmployeeId);
    }
}

internal sealed class SentMessageConfiguration : IEntityTypeConfiguration<SentMessage>
{
    public void Configure(EntityTypeBuilder<SentMessage> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("sent_messages");
        e.Property(x => x.Address).HasMaxLength(256);
        e.Property(x => x.Week).HasMaxLength(10);
        e.HasIndex(x => new { x.Week, x.EmployeeId }).IsUnique();
    }
}

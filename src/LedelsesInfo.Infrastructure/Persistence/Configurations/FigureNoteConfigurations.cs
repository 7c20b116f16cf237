using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class FigureNoteConfiguration : IEntityTypeConfiguration<FigureNote>
{
    public void Configure(EntityTypeBuilder<FigureNote> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("figure_notes");
        e.Property(x => x.KpiCode).HasMaxLength(10);
        e.Property(x => x.UnitId).HasMaxLength(64);
        e.Property(x => x.Period).HasMaxLength(12);
        e.Property(x => x.Interpretation).HasMaxLength(FigureNoteRules.MaxText);
        e.Property(x => x.WrittenBy).HasMaxLength(256);
        e.Property(x => x.WrittenByEmployeeId).HasMaxLength(64);
        e.Property(x => x.WithdrawnBy).HasMaxLength(256);
        e.HasIndex(x => new { x.UnitId, x.PeriodKind, x.Period });
        e.HasMany(x => x.Explanations).WithOne().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Actions).WithOne().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NoteExplanationConfiguration : IEntityTypeConfiguration<NoteExplanation>
{
    public void Configure(EntityTypeBuilder<NoteExplanation> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("note_explanations");
        e.Property(x => x.Text).HasMaxLength(FigureNoteRules.MaxText);
    }
}

internal sealed class FigureNoteVersionConfiguration : IEntityTypeConfiguration<FigureNoteVersion>
{
    public void Configure(EntityTypeBuilder<FigureNoteVersion> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("figure_note_versions");
        e.Property(x => x.Interpretation).HasMaxLength(FigureNoteRules.MaxText);
        e.Property(x => x.Explanations).HasMaxLength(4 * FigureNoteRules.MaxText);
        e.Property(x => x.WrittenBy).HasMaxLength(256);
        e.HasIndex(x => x.NoteId);
    }
}

internal sealed class FigureExpectationConfiguration : IEntityTypeConfiguration<FigureExpectation>
{
    public void Configure(EntityTypeBuilder<FigureExpectation> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("figure_expectations");
        e.Property(x => x.KpiCode).HasMaxLength(10);
        e.Property(x => x.UnitId).HasMaxLength(64);
        e.Property(x => x.Period).HasMaxLength(12);
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.Property(x => x.Reason).HasMaxLength(FigureNoteRules.MaxText);
        e.Property(x => x.WrittenBy).HasMaxLength(256);
        e.Property(x => x.WrittenByEmployeeId).HasMaxLength(64);
        e.HasIndex(x => new { x.UnitId, x.PeriodKind, x.Period });
    }
}

internal sealed class FigureActionConfiguration : IEntityTypeConfiguration<FigureAction>
{
    public void Configure(EntityTypeBuilder<FigureAction> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("figure_actions");
        e.Property(x => x.What).HasMaxLength(FigureNoteRules.MaxText);
        e.Property(x => x.OwnerEmployeeId).HasMaxLength(64);
        e.Property(x => x.KpiCode).HasMaxLength(10);
        e.Property(x => x.UnitId).HasMaxLength(64);
        e.Property(x => x.StartPeriod).HasMaxLength(12);
        e.Property(x => x.TargetValue).HasPrecision(18, 4);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.DoneBy).HasMaxLength(256);
        e.HasIndex(x => new { x.OwnerEmployeeId, x.DoneAt });
        e.HasIndex(x => new { x.UnitId, x.DoneAt });
        e.HasIndex(x => x.NoteId);
    }
}

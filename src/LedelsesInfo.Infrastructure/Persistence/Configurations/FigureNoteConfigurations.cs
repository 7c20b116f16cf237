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
        e.HasIndex(x => new { x.UnitId, x.PeriodKind, x.Period });
        e.HasMany(x => x.Explanations).WithOne().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
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

using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class PaymentConfiguration(bool oreOnSqlite) : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("payments");
        e.HasIndex(x => new { x.UnitId, x.PostedOn });
        // By date, covering the economy's sums (a year's spending by function; the recompute's facts from a day on).
        e.HasIndex(x => new { x.PostedOn, x.Function, x.UnitId, x.Amount });
        e.HasIndex(x => x.ActivityId);
        e.Property(x => x.Function).HasMaxLength(10);
        MoneyColumn.Configure(oreOnSqlite, e.Property(x => x.Amount));
    }
}

internal sealed class BudgetLineConfiguration(bool oreOnSqlite) : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("budget_lines");
        e.HasKey(x => new { x.UnitId, x.Function, x.Month });
        e.Property(x => x.Function).HasMaxLength(10);
        MoneyColumn.Configure(oreOnSqlite, e.Property(x => x.Amount));
    }
}

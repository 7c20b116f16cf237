using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("org_units");
        e.HasIndex(x => x.ParentId);
        e.Property(x => x.Name).HasMaxLength(200);
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("employees");
        e.HasIndex(x => x.UnitId);
        e.HasIndex(x => x.Login);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Login).HasMaxLength(256);
    }
}

internal sealed class HrMonthConfiguration : IEntityTypeConfiguration<HrMonth>
{
    public void Configure(EntityTypeBuilder<HrMonth> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("hr_months");
        e.HasKey(x => new { x.EmployeeId, x.Month });
    }
}

internal sealed class PopulationConfiguration : IEntityTypeConfiguration<Population>
{
    public void Configure(EntityTypeBuilder<Population> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("population");
        e.HasKey(x => new { x.UnitId, x.Year });
    }
}

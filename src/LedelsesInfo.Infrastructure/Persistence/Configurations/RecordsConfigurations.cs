using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("sign_in_sessions");
        e.Property(x => x.UserName).HasMaxLength(256);
    }
}

/// <summary>The Data Protection key ring: a key's XML is a few kB, so it is not held to the portal's default text length.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("data_protection_keys");
        e.Property(x => x.FriendlyName).HasMaxLength(200);
        e.Property(x => x.Xml).Metadata.SetMaxLength(null);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("import_runs");
        e.Property(x => x.StartedBy).HasMaxLength(256);
        e.HasMany(x => x.Batches).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("import_batches");
        e.Property(x => x.FileName).HasMaxLength(400);
        e.Property(x => x.ImportedBy).HasMaxLength(256);
        e.Property(x => x.Message).HasMaxLength(4000);
        e.HasMany(x => x.Errors).WithOne().HasForeignKey(x => x.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("import_row_errors");
        e.Property(x => x.Column).HasMaxLength(100);
        e.Property(x => x.Value).HasMaxLength(400);
        e.Property(x => x.Reason).HasMaxLength(1000);
    }
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("access_log");
        e.HasIndex(x => x.At);
        e.Property(x => x.CaseIds).Metadata.SetMaxLength(null);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Page).HasMaxLength(400);
        e.Property(x => x.Action).HasMaxLength(100);
    }
}

internal sealed class AccessLogCaseDayConfiguration : IEntityTypeConfiguration<AccessLogCaseDay>
{
    public void Configure(EntityTypeBuilder<AccessLogCaseDay> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("access_log_case_days");
        e.HasKey(x => new { x.CaseId, x.Day });
        e.Property(x => x.CaseId).HasMaxLength(LedelsesInfoDbContext.IdLength);
    }
}

internal sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    public void Configure(EntityTypeBuilder<DataVersion> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("data_version");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasData(new DataVersion { Id = DataVersion.SingleId, Version = 1 }, new DataVersion { Id = DataVersion.WritingId, Version = 1 });
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotsAndDataVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ChangedFrom",
                table: "import_batches",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kpi_snapshots",
                columns: table => new
                {
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    HistoryStart = table.Column<DateOnly>(type: "date", nullable: false),
                    LastImportBatchId = table.Column<long>(type: "bigint", nullable: true),
                    RecomputedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValueCount = table.Column<int>(type: "int", nullable: false),
                    DeadlineCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_snapshots", x => x.AsOf);
                });

            migrationBuilder.InsertData(
                table: "data_version",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 1L });

            migrationBuilder.CreateIndex(
                name: "IX_deadlines_AsOf_CaseId",
                table: "deadlines",
                columns: new[] { "AsOf", "CaseId" });

            // Snapshots computed before this migration: listed, but unknown in what they include, so the next recompute is full.
            migrationBuilder.Sql("INSERT INTO kpi_snapshots (AsOf, ComputedAt, HistoryStart, LastImportBatchId, RecomputedFrom, ValueCount, DeadlineCount) SELECT AsOf, SYSUTCDATETIME(), '0001-01-01', NULL, NULL, COUNT(*), 0 FROM kpi_values GROUP BY AsOf");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_version");

            migrationBuilder.DropTable(
                name: "kpi_snapshots");

            migrationBuilder.DropIndex(
                name: "IX_deadlines_AsOf_CaseId",
                table: "deadlines");

            migrationBuilder.DropColumn(
                name: "ChangedFrom",
                table: "import_batches");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FigureActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "figure_notes",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "figure_notes",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "figure_actions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    NoteId = table.Column<long>(type: "bigint", nullable: false),
                    What = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    OwnerEmployeeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    KpiCode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PeriodKind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    StartPeriod = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Direction = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    TargetValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    TargetBy = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DoneBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_figure_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_figure_actions_figure_notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "figure_notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "figure_expectations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    KpiCode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PeriodKind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Value = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Direction = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    WrittenBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    WrittenByEmployeeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    WrittenAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_figure_expectations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_figure_actions_NoteId",
                table: "figure_actions",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_figure_actions_OwnerEmployeeId_DoneAt",
                table: "figure_actions",
                columns: new[] { "OwnerEmployeeId", "DoneAt" });

            migrationBuilder.CreateIndex(
                name: "IX_figure_actions_UnitId_DoneAt",
                table: "figure_actions",
                columns: new[] { "UnitId", "DoneAt" });

            migrationBuilder.CreateIndex(
                name: "IX_figure_expectations_UnitId_PeriodKind_Period",
                table: "figure_expectations",
                columns: new[] { "UnitId", "PeriodKind", "Period" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "figure_actions");

            migrationBuilder.DropTable(
                name: "figure_expectations");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "figure_notes");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "figure_notes");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FigureNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "figure_note_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    NoteId = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Interpretation = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Explanations = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    ForCommittee = table.Column<bool>(type: "bit", nullable: false),
                    WrittenBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_figure_note_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "figure_notes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    KpiCode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PeriodKind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Interpretation = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ForCommittee = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    WrittenBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    WrittenByEmployeeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    WrittenAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_figure_notes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "note_explanations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    NoteId = table.Column<long>(type: "bigint", nullable: false),
                    Order = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_note_explanations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_note_explanations_figure_notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "figure_notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_figure_note_versions_NoteId",
                table: "figure_note_versions",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_figure_notes_UnitId_PeriodKind_Period",
                table: "figure_notes",
                columns: new[] { "UnitId", "PeriodKind", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_note_explanations_NoteId",
                table: "note_explanations",
                column: "NoteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "figure_note_versions");

            migrationBuilder.DropTable(
                name: "note_explanations");

            migrationBuilder.DropTable(
                name: "figure_notes");
        }
    }
}

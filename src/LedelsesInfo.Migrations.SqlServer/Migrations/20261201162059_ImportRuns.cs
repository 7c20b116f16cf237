using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ImportRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ImportRunId",
                table: "import_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RunId",
                table: "import_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    StartedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Strict = table.Column<bool>(type: "bit", nullable: false),
                    Files = table.Column<int>(type: "int", nullable: false),
                    RowsApplied = table.Column<int>(type: "int", nullable: false),
                    RowsRejected = table.Column<int>(type: "int", nullable: false),
                    FilesRefused = table.Column<int>(type: "int", nullable: false),
                    RecomputeSeconds = table.Column<double>(type: "float", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_ImportRunId",
                table: "import_batches",
                column: "ImportRunId");

            migrationBuilder.AddForeignKey(
                name: "FK_import_batches_ImportRuns_ImportRunId",
                table: "import_batches",
                column: "ImportRunId",
                principalTable: "ImportRuns",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_import_batches_ImportRuns_ImportRunId",
                table: "import_batches");

            migrationBuilder.DropTable(
                name: "ImportRuns");

            migrationBuilder.DropIndex(
                name: "IX_import_batches_ImportRunId",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "RunId",
                table: "import_batches");
        }
    }
}

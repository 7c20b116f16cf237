using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunsSessionsKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerUnitId",
                table: "review_templates",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RunId",
                table: "import_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    StartedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
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
                    table.PrimaryKey("PK_import_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_sessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    EmployeeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sign_in_sessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_RunId",
                table: "import_batches",
                column: "RunId");

            migrationBuilder.AddForeignKey(
                name: "FK_import_batches_import_runs_RunId",
                table: "import_batches",
                column: "RunId",
                principalTable: "import_runs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_import_batches_import_runs_RunId",
                table: "import_batches");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropTable(
                name: "sign_in_sessions");

            migrationBuilder.DropIndex(
                name: "IX_import_batches_RunId",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "OwnerUnitId",
                table: "review_templates");

            migrationBuilder.DropColumn(
                name: "RunId",
                table: "import_batches");
        }
    }
}

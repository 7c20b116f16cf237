using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogCaseDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_access_log_CaseId",
                table: "access_log");

            migrationBuilder.CreateTable(
                name: "access_log_case_days",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log_case_days", x => new { x.CaseId, x.Day });
                });

            // The days on which the log already shows each case.
            migrationBuilder.Sql("INSERT INTO access_log_case_days (CaseId, Day) SELECT DISTINCT CaseId, date(At) FROM access_log WHERE CaseId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_log_case_days");

            migrationBuilder.CreateIndex(
                name: "IX_access_log_CaseId",
                table: "access_log",
                column: "CaseId");
        }
    }
}

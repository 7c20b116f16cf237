using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EconomyMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "economy_months",
                columns: table => new
                {
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Spent = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    SpentOnActivities = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    Budget = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    ActiveActivities = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_economy_months", x => new { x.AsOf, x.UnitId, x.Function, x.Month });
                });

            migrationBuilder.CreateIndex(
                name: "IX_economy_months_AsOf_Month",
                table: "economy_months",
                columns: new[] { "AsOf", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "economy_months");
        }
    }
}

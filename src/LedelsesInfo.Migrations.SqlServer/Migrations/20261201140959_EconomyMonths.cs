using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
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
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Function = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Spent = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    SpentOnActivities = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Budget = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    ActiveActivities = table.Column<int>(type: "int", nullable: false)
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

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OutcomeColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GoalAttained",
                table: "activity_events",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "activities",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GoalAttained",
                table: "activity_events");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "activities");
        }
    }
}

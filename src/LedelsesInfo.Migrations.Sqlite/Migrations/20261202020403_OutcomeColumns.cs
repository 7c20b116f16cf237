using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "activities",
                type: "TEXT",
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

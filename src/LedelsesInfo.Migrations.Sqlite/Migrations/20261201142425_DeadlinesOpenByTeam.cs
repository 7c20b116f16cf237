using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeadlinesOpenByTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_deadlines_AsOf_TeamId_DoneOn_Due",
                table: "deadlines",
                columns: new[] { "AsOf", "TeamId", "DoneOn", "Due" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deadlines_AsOf_TeamId_DoneOn_Due",
                table: "deadlines");
        }
    }
}

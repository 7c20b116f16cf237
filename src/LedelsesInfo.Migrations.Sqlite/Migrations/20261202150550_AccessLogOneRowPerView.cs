using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The access log becomes one row a view, its cases packed as a JSON array (docs/performance.md). The rows already
    /// written, one a case, become views of one case each, so nothing a citizen's request needs is lost. Down keeps the
    /// first case of each view only.
    /// </summary>
    public partial class AccessLogOneRowPerView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CaseIds",
                table: "access_log",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("UPDATE \"access_log\" SET \"CaseIds\" = json_array(\"CaseId\") WHERE \"CaseId\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "access_log");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CaseId",
                table: "access_log",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql("UPDATE \"access_log\" SET \"CaseId\" = json_extract(\"CaseIds\", '$[0]') WHERE \"CaseIds\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "CaseIds",
                table: "access_log");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
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
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.Sql("UPDATE [access_log] SET [CaseIds] = N'[\"' + STRING_ESCAPE([CaseId], 'json') + N'\"]' WHERE [CaseId] IS NOT NULL");

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
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql("UPDATE [access_log] SET [CaseId] = JSON_VALUE([CaseIds], '$[0]') WHERE [CaseIds] IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "CaseIds",
                table: "access_log");
        }
    }
}

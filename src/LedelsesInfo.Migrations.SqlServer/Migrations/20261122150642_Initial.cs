using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedelsesInfo.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    EmployeeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CaseId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Page = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<long>(type: "bigint", nullable: false),
                    What = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Who = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ByWhen = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "activities",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Paragraph = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Function = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MonthlyPrice = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "activity_events",
                columns: table => new
                {
                    ActivityId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NextFollowUpMonths = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity_events", x => new { x.ActivityId, x.Kind, x.OccurredOn });
                });

            migrationBuilder.CreateTable(
                name: "audience_settings",
                columns: table => new
                {
                    Audience = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    KpiCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    Cadence = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Grain = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audience_settings", x => new { x.Audience, x.KpiCode });
                });

            migrationBuilder.CreateTable(
                name: "budget_lines",
                columns: table => new
                {
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Function = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_lines", x => new { x.UnitId, x.Function, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ChildId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    TeamId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CaseworkerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadlines",
                columns: table => new
                {
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SourceId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    K = table.Column<int>(type: "int", nullable: false),
                    CaseId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TeamId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CaseworkerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadlines", x => new { x.AsOf, x.Kind, x.SourceId, x.K });
                });

            migrationBuilder.CreateTable(
                name: "employees",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Login = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "examinations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AwareOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examinations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    KpiCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Target = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_goals", x => new { x.KpiCode, x.UnitId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "hr_months",
                columns: table => new
                {
                    EmployeeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Fte = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    HoursWorked = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    OvertimeHours = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    SickDays = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hr_months", x => new { x.EmployeeId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FileName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    FileKind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Strict = table.Column<bool>(type: "bit", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    RowsRead = table.Column<int>(type: "int", nullable: false),
                    RowsApplied = table.Column<int>(type: "int", nullable: false),
                    RowsRejected = table.Column<int>(type: "int", nullable: false),
                    Message = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kpi_definitions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    GoodWhen = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Rule = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    LegalBasis = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    SourceFiles = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_definitions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "kpi_values",
                columns: table => new
                {
                    KpiCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PeriodKind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Numerator = table.Column<decimal>(type: "decimal(28,10)", precision: 28, scale: 10, nullable: false),
                    Denominator = table.Column<decimal>(type: "decimal(28,10)", precision: 28, scale: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_values", x => new { x.AsOf, x.KpiCode, x.UnitId, x.PeriodKind, x.Period });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ChildId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Professional = table.Column<bool>(type: "bit", nullable: false),
                    ReceiptSentOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_units",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ParentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Function = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    ActivityId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PostedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "population",
                columns: table => new
                {
                    UnitId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Age0To17 = table.Column<int>(type: "int", nullable: false),
                    Age0To22 = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_population", x => new { x.UnitId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "review_answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ReviewCaseId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<long>(type: "bigint", nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CaseworkerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    MeasureKind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Swapped = table.Column<bool>(type: "bit", nullable: false),
                    SwapReason = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_rounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TeamId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Quarter = table.Column<int>(type: "int", nullable: false),
                    TemplateId = table.Column<long>(type: "bigint", nullable: false),
                    FocusArea = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Mode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SampleSize = table.Column<int>(type: "int", nullable: false),
                    Seed = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SignedOffAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SignedOffBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    LearningPoints = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ReflectionQuestions = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_templates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FamilyKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "import_row_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: false),
                    RowNumber = table.Column<int>(type: "int", nullable: false),
                    Column = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Value = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_row_errors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_import_row_errors_import_batches_ImportBatchId",
                        column: x => x.ImportBatchId,
                        principalTable: "import_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_questions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TemplateId = table.Column<long>(type: "bigint", nullable: false),
                    Order = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    FocusArea = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    KpiCode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    Local = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_questions_review_templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "review_templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_log_At",
                table: "access_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_access_log_CaseId",
                table: "access_log",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_RoundId",
                table: "action_plans",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_activities_CaseId",
                table: "activities",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_CaseworkerId",
                table: "cases",
                column: "CaseworkerId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_TeamId_ClosedOn",
                table: "cases",
                columns: new[] { "TeamId", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_deadlines_AsOf_CaseworkerId_Due",
                table: "deadlines",
                columns: new[] { "AsOf", "CaseworkerId", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_deadlines_AsOf_TeamId_Due",
                table: "deadlines",
                columns: new[] { "AsOf", "TeamId", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_employees_Login",
                table: "employees",
                column: "Login");

            migrationBuilder.CreateIndex(
                name: "IX_employees_UnitId",
                table: "employees",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_examinations_CaseId",
                table: "examinations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_import_row_errors_ImportBatchId",
                table: "import_row_errors",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_kpi_values_AsOf_UnitId_PeriodKind_Period",
                table: "kpi_values",
                columns: new[] { "AsOf", "UnitId", "PeriodKind", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_UnitId_ReceivedAt",
                table: "notifications",
                columns: new[] { "UnitId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_org_units_ParentId",
                table: "org_units",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ActivityId",
                table: "payments",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_UnitId_PostedOn",
                table: "payments",
                columns: new[] { "UnitId", "PostedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_review_answers_ReviewCaseId_QuestionId_Stage",
                table: "review_answers",
                columns: new[] { "ReviewCaseId", "QuestionId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_cases_RoundId_CaseId",
                table: "review_cases",
                columns: new[] { "RoundId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_review_questions_TemplateId",
                table: "review_questions",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_review_rounds_TeamId_Year_Quarter",
                table: "review_rounds",
                columns: new[] { "TeamId", "Year", "Quarter" });

            migrationBuilder.CreateIndex(
                name: "IX_review_templates_FamilyKey_Version",
                table: "review_templates",
                columns: new[] { "FamilyKey", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_log");

            migrationBuilder.DropTable(
                name: "action_plans");

            migrationBuilder.DropTable(
                name: "activities");

            migrationBuilder.DropTable(
                name: "activity_events");

            migrationBuilder.DropTable(
                name: "audience_settings");

            migrationBuilder.DropTable(
                name: "budget_lines");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "deadlines");

            migrationBuilder.DropTable(
                name: "employees");

            migrationBuilder.DropTable(
                name: "examinations");

            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropTable(
                name: "hr_months");

            migrationBuilder.DropTable(
                name: "import_row_errors");

            migrationBuilder.DropTable(
                name: "kpi_definitions");

            migrationBuilder.DropTable(
                name: "kpi_values");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "org_units");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "population");

            migrationBuilder.DropTable(
                name: "review_answers");

            migrationBuilder.DropTable(
                name: "review_cases");

            migrationBuilder.DropTable(
                name: "review_questions");

            migrationBuilder.DropTable(
                name: "review_rounds");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "review_templates");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Intake.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangePlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_plans",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Risk = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PlannedStart = table.Column<long>(type: "INTEGER", nullable: true),
                    PlannedEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    ImplementationPlan = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    BackoutPlan = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    AffectedServices = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_plans", x => x.TicketId);
                    table.ForeignKey(
                        name: "FK_change_plans_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_change_plans_PlannedStart",
                table: "change_plans",
                column: "PlannedStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_plans");
        }
    }
}

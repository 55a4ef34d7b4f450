using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Intake.Infrastructure.Migrations.PostgreSql
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
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    Risk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PlannedStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PlannedEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ImplementationPlan = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    BackoutPlan = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AffectedServices = table.Column<List<string>>(type: "text[]", nullable: false)
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

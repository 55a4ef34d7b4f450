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
            migrationBuilder.AddColumn<List<string>>(
                name: "AffectedServices",
                table: "tickets",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "BackoutPlan",
                table: "tickets",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImplementationPlan",
                table: "tickets",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PlannedEnd",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PlannedStart",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Risk",
                table: "tickets",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Type_PlannedStart",
                table: "tickets",
                columns: new[] { "Type", "PlannedStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tickets_Type_PlannedStart",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "AffectedServices",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "BackoutPlan",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "ImplementationPlan",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "PlannedEnd",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "PlannedStart",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "Risk",
                table: "tickets");
        }
    }
}

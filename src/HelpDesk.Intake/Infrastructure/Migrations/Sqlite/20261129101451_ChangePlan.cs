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
            migrationBuilder.AddColumn<string>(
                name: "AffectedServices",
                table: "tickets",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "BackoutPlan",
                table: "tickets",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImplementationPlan",
                table: "tickets",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PlannedEnd",
                table: "tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PlannedStart",
                table: "tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Risk",
                table: "tickets",
                type: "TEXT",
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

            // SQLite drops the columns in place (3.35+); EF's table rebuild would reorder every column of the table.
            foreach (var column in new[] { "AffectedServices", "BackoutPlan", "ImplementationPlan", "PlannedEnd", "PlannedStart", "Risk" })
            {
                migrationBuilder.Sql($"ALTER TABLE \"tickets\" DROP COLUMN \"{column}\";");
            }
        }
    }
}

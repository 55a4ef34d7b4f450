using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Intake.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReportPeriodIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_tickets_CreatedAt",
                table: "tickets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_ResolvedAt",
                table: "tickets",
                column: "ResolvedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tickets_CreatedAt",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "IX_tickets_ResolvedAt",
                table: "tickets");
        }
    }
}

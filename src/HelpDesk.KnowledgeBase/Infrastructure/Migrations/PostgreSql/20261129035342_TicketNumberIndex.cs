using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.KnowledgeBase.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TicketNumberIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_kb_ticket_suggestions_TicketNumber",
                table: "kb_ticket_suggestions",
                column: "TicketNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_kb_ticket_suggestions_TicketNumber",
                table: "kb_ticket_suggestions");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Routing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TicketNumberIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_routing_tickets_TicketNumber",
                table: "routing_tickets",
                column: "TicketNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_routing_tickets_TicketNumber",
                table: "routing_tickets");
        }
    }
}

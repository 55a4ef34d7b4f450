using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Notifications.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketNumberIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_notifications_tickets_TicketNumber",
                table: "notifications_tickets",
                column: "TicketNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_notifications_tickets_TicketNumber",
                table: "notifications_tickets");
        }
    }
}

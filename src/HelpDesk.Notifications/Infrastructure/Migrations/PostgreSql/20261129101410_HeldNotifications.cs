using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Notifications.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class HeldNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications_held",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EventData = table.Column<string>(type: "text", nullable: false),
                    TicketSnapshot = table.Column<string>(type: "text", nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_held", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_held_EventMessageId",
                table: "notifications_held",
                column: "EventMessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_held_HeldAt",
                table: "notifications_held",
                column: "HeldAt");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_held_TicketId",
                table: "notifications_held",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications_held");
        }
    }
}

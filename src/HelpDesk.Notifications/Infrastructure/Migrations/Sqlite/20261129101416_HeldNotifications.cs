using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Notifications.Infrastructure.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EventData = table.Column<string>(type: "TEXT", nullable: false),
                    TicketSnapshot = table.Column<string>(type: "TEXT", nullable: false),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: false)
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

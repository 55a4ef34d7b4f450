using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Notifications.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ApprovalReplyToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReplyToken",
                table: "notifications_deliveries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReplyToken",
                table: "notifications_deliveries");
        }
    }
}

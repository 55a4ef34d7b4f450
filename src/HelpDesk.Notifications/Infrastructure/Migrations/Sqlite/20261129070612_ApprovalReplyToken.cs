using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Notifications.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite drops the column in place (3.35+); EF's table rebuild would reorder every column of the table.
            migrationBuilder.Sql("ALTER TABLE \"notifications_deliveries\" DROP COLUMN \"ReplyToken\";");
        }
    }
}

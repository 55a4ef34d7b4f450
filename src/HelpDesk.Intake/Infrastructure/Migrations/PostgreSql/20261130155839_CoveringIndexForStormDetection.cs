using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Intake.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CoveringIndexForStormDetection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tickets_Queue_Category_CreatedAt",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Queue_Category_CreatedAt_Type_MajorIncidentId_Id",
                table: "tickets",
                columns: new[] { "Queue", "Category", "CreatedAt", "Type", "MajorIncidentId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tickets_Queue_Category_CreatedAt_Type_MajorIncidentId_Id",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Queue_Category_CreatedAt",
                table: "tickets",
                columns: new[] { "Queue", "Category", "CreatedAt" });
        }
    }
}

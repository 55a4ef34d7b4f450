using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Routing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClassifierModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "routing_classifier_models",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ValidationAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_classifier_models", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_routing_classifier_models_ActivatedAt",
                table: "routing_classifier_models",
                column: "ActivatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "routing_classifier_models");
        }
    }
}

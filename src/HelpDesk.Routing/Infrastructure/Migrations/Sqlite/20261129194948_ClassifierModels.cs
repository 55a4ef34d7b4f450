using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Routing.Infrastructure.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ValidationAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
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

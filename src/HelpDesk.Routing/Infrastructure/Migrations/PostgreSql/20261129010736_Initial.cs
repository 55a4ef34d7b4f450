using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelpDesk.Routing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    TraceParent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "routing_agents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Queues = table.Column<List<string>>(type: "text[]", nullable: false),
                    Skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    OnShift = table.Column<bool>(type: "boolean", nullable: false),
                    OutOfOfficeUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenTickets = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_agents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_approval_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsChange = table.Column<bool>(type: "boolean", nullable: false),
                    CatalogItem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CatalogVersion = table.Column<int>(type: "integer", nullable: true),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    RequesterEmail = table.Column<string>(type: "text", nullable: true),
                    Language = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CurrentStage = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_approval_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_catalog_item_versions",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_catalog_item_versions", x => new { x.Key, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "routing_catalog_items",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PreApproved = table.Column<bool>(type: "boolean", nullable: false),
                    Approver = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    AutomationSecret = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_catalog_items", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "routing_category_corrections",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    PreviousCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CorrectedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CorrectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_category_corrections", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "routing_fulfilment_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: true),
                    Queue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_fulfilment_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_portal_choices",
                columns: table => new
                {
                    Portal = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "text", nullable: true),
                    CatalogItem = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_portal_choices", x => new { x.Portal, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "routing_queues",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Strategy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LastAssignedAgentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_queues", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Types = table.Column<int[]>(type: "integer[]", nullable: false),
                    Channels = table.Column<int[]>(type: "integer[]", nullable: false),
                    Organisations = table.Column<List<string>>(type: "text[]", nullable: false),
                    Keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    Queue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PriorityOverride = table.Column<int>(type: "integer", nullable: true),
                    AddTags = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_secrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "routing_tickets",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    Queue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: true),
                    Explanation = table.Column<string>(type: "text", nullable: true),
                    PriorityOverride = table.Column<int>(type: "integer", nullable: true),
                    CatalogItem = table.Column<string>(type: "text", nullable: true),
                    Approval = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Approver = table.Column<string>(type: "text", nullable: true),
                    ApprovalDecidedBy = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AgentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AssignmentStrategy = table.Column<string>(type: "text", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    CatalogVersion = table.Column<int>(type: "integer", nullable: true),
                    SlaPolicy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RequesterEmail = table.Column<string>(type: "text", nullable: true),
                    Language = table.Column<string>(type: "text", nullable: true),
                    AnswersJson = table.Column<string>(type: "text", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Fulfilment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FulfilledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AutomationAttempts = table.Column<int>(type: "integer", nullable: false),
                    AutomationNextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AutomationStatusCode = table.Column<int>(type: "integer", nullable: true),
                    AutomationAnswer = table.Column<string>(type: "text", nullable: true),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    ReassignmentSequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_tickets", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "routing_approval_stages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RemindAfter = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Timeout = table.Column<TimeSpan>(type: "interval", nullable: true),
                    OnTimeout = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EscalateToKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    EscalateTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TimedOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_approval_stages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_routing_approval_stages_routing_approval_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "routing_approval_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routing_approval_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Approver = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsEscalation = table.Column<bool>(type: "boolean", nullable: false),
                    LinkNonce = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Via = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_approval_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_routing_approval_votes_routing_approval_stages_StageId",
                        column: x => x.StageId,
                        principalTable: "routing_approval_stages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_ProcessedAt",
                table: "inbox_messages",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DispatchedAt_Sequence",
                table: "outbox_messages",
                columns: new[] { "DispatchedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_MessageId",
                table: "outbox_messages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_routing_approval_requests_Status_CatalogItem",
                table: "routing_approval_requests",
                columns: new[] { "Status", "CatalogItem" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_approval_requests_TicketId_CreatedAt",
                table: "routing_approval_requests",
                columns: new[] { "TicketId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_approval_stages_NextDueAt",
                table: "routing_approval_stages",
                column: "NextDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_routing_approval_stages_RequestId",
                table: "routing_approval_stages",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_routing_approval_votes_Approver",
                table: "routing_approval_votes",
                column: "Approver");

            migrationBuilder.CreateIndex(
                name: "IX_routing_approval_votes_StageId",
                table: "routing_approval_votes",
                column: "StageId");

            migrationBuilder.CreateIndex(
                name: "IX_routing_fulfilment_tasks_Queue_Status",
                table: "routing_fulfilment_tasks",
                columns: new[] { "Queue", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_fulfilment_tasks_TicketId",
                table: "routing_fulfilment_tasks",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_routing_rules_Name",
                table: "routing_rules",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_routing_rules_Priority",
                table: "routing_rules",
                column: "Priority");

            migrationBuilder.CreateIndex(
                name: "IX_routing_tickets_AgentId_IsOpen",
                table: "routing_tickets",
                columns: new[] { "AgentId", "IsOpen" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_tickets_CatalogItem_ReceivedAt",
                table: "routing_tickets",
                columns: new[] { "CatalogItem", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_tickets_Fulfilment_AutomationNextAttemptAt",
                table: "routing_tickets",
                columns: new[] { "Fulfilment", "AutomationNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_tickets_Queue_State_ReceivedAt",
                table: "routing_tickets",
                columns: new[] { "Queue", "State", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "routing_agents");

            migrationBuilder.DropTable(
                name: "routing_approval_votes");

            migrationBuilder.DropTable(
                name: "routing_catalog_item_versions");

            migrationBuilder.DropTable(
                name: "routing_catalog_items");

            migrationBuilder.DropTable(
                name: "routing_category_corrections");

            migrationBuilder.DropTable(
                name: "routing_fulfilment_tasks");

            migrationBuilder.DropTable(
                name: "routing_portal_choices");

            migrationBuilder.DropTable(
                name: "routing_queues");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "routing_secrets");

            migrationBuilder.DropTable(
                name: "routing_tickets");

            migrationBuilder.DropTable(
                name: "routing_approval_stages");

            migrationBuilder.DropTable(
                name: "routing_approval_requests");
        }
    }
}

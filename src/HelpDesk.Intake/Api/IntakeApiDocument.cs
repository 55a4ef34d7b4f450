using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>The service's published OpenAPI document (docs/openapi/intake.json, /openapi/intake.json at the gateway).</summary>
public static class IntakeApiDocument
{
    public static readonly ServiceApiDocument Document = new(
        "intake",
        "Intake (tickets)",
        "Tickets from every channel: submit (idempotently), follow, comment, change status, rate; agent work on tickets (reassign, edit, macros, bulk, links and merge), problems, major incidents and reports.",
        typeof(IntakeApiDocument).Assembly,
        new Dictionary<string, string>
        {
            ["Tickets"] = "Submit, list, read, comment on, change the status of and rate tickets: what a channel app and a requester do.",
            ["Agent operations"] = "Agent work on one ticket or many: reassign, edit fields (If-Match), apply macros, bulk changes, history.",
            ["Links and merge"] = "Relate tickets to each other and merge duplicates into one.",
            ["Macros"] = "Saved sets of changes agents apply to tickets in one step.",
            ["Major incidents"] = "Incidents that many requesters report at once: detection, updates, resolution of the children.",
            ["Problems"] = "Root causes behind recurring incidents: analysis, known errors, resolution.",
            ["Reports"] = "Support-lead reports over every ticket: volumes, response and resolution times, satisfaction.",
        });
}

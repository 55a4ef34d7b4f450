using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>
/// A status change. <c>expectedVersion</c> (or an If-Match header) refuses the change when the ticket moved on meanwhile.
/// </summary>
public sealed record TransitionRequest(
    TicketStatus? To, string? Actor = null,
    [ApiExample("\"Waiting for the requester to try the new driver\"")] string? Reason = null,
    [ApiExample("\"Replaced the fuser unit; the printer prints without jams again.\"")] string? Resolution = null,
    string? AssigneeId = null, string? AssigneeName = null,
    [ApiExample("3")] int? ExpectedVersion = null)
{
    public Validation Validate()
    {
        var validation = new Validation();
        if (To is not { } to || !Enum.IsDefined(to))
        {
            validation.Add("to", $"The target status is required: one of {string.Join(", ", Enum.GetNames<TicketStatus>())}.");
        }
        return validation
            .MaxLength(Reason, "reason", 1000, "The reason must be at most 1000 characters.")
            .MaxLength(Resolution, "resolution", 4000, "The resolution must be at most 4000 characters.")
            .MaxLength(AssigneeId, "assigneeId", 200, "The assignee id must be at most 200 characters.")
            .MaxLength(Actor, "actor", 200, "The actor must be at most 200 characters.");
    }

    /// <summary>The change for the domain, once <see cref="Validate"/> passed.</summary>
    public TicketTransition ToTransition(string actor) => new(To!.Value, actor, Reason, Resolution, AssigneeId, AssigneeName);
}

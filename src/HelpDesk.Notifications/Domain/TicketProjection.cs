namespace HelpDesk.Notifications.Domain;

/// <summary>What Notifications knows of a ticket, built only from the events it consumes.</summary>
public sealed class TicketProjection
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public string? Subject { get; set; }

    public string? RequesterEmail { get; set; }

    public string? RequesterName { get; set; }

    public string Language { get; set; } = "en";

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public string? AssigneeEmail { get; set; }

    public string? Approver { get; set; }

    public TicketStatus? Status { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The projection of a ticket first heard of through <paramref name="evt"/> (events may overtake TicketSubmitted).</summary>
    public static TicketProjection Start(ITicketEvent evt) => new() { TicketId = evt.TicketId, TicketNumber = evt.TicketNumber };

    /// <summary>
    /// A copy of this projection (as it was when an event overtook the submission) with what only TicketSubmitted tells:
    /// who asked, in which language, about what.
    /// </summary>
    public TicketProjection WithRequesterOf(TicketProjection submitted)
    {
        var copy = (TicketProjection)MemberwiseClone();
        copy.TicketNumber = submitted.TicketNumber;
        copy.Subject = submitted.Subject ?? Subject;
        copy.RequesterEmail = submitted.RequesterEmail;
        copy.RequesterName = submitted.RequesterName;
        copy.Language = submitted.Language;
        return copy;
    }

    /// <summary>Takes what <paramref name="evt"/> tells about the ticket: who asked, where it is queued, who works and approves it, its status.</summary>
    public void Apply(ITicketEvent evt, DateTimeOffset now)
    {
        switch (evt)
        {
            case TicketSubmitted submitted:
                TicketNumber = submitted.TicketNumber;
                Subject = submitted.Subject;
                RequesterEmail = submitted.Requester.Email;
                RequesterName = submitted.Requester.Name;
                Language = TemplateCatalog.NormalizeLanguage(submitted.Language);
                Status ??= TicketStatus.New;
                break;
            case TicketStatusChanged changed:
                Status = changed.To;
                break;
            case TicketResolved:
                Status = TicketStatus.Resolved;
                break;
            case TicketClosed:
                Status = TicketStatus.Closed;
                break;
            case TicketRouted routed:
                Queue = routed.Queue;
                Approver = routed.Approver ?? Approver;
                break;
            case TicketAssigned assigned:
                Queue = assigned.Queue;
                AssigneeId = assigned.AgentId;
                AssigneeName = assigned.AgentName;
                AssigneeEmail = assigned.AgentEmail;
                break;
            case TicketApprovalRequested requested:
                // The engine names approvers by id or name; the address it resolved is where the mail goes.
                Approver = requested.ApproverEmail ?? requested.Approver;
                break;
            case TicketMerged merged:
                RequesterEmail ??= merged.SourceRequesterEmail;
                Status = TicketStatus.Closed;
                break;
            case SlaWarningRaised warning:
                Queue ??= warning.Queue;
                break;
            case SlaBreached breached:
                Queue ??= breached.Queue;
                break;
        }
        UpdatedAt = now;
    }
}

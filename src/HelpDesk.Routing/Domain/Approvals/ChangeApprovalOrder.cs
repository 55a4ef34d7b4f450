namespace HelpDesk.Routing.Domain;

/// <summary>
/// The newest ticket version of a change whose approval event (requested or withdrawn) Routing has applied. The two
/// events travel on different queues, so a pull-back and a quick re-submission can arrive in either order: an event
/// at or below this version is stale and changes nothing. <see cref="TicketVersion"/> is a concurrency token, so two
/// events applied at once for one change cannot both pass.
/// </summary>
public sealed class ChangeApprovalOrder
{
    public Guid TicketId { get; set; }

    public long TicketVersion { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True (and remembered) when <paramref name="version"/> is newer than every event applied so far.</summary>
    public bool Admit(long version, DateTimeOffset now)
    {
        if (version <= TicketVersion)
        {
            return false;
        }
        TicketVersion = version;
        UpdatedAt = now;
        return true;
    }
}

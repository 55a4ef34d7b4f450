using HelpDesk.Contracts;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// Resolves approver references to seats and tells whether a caller holds a seat. People, groups and managers come
/// from <c>Routing:Approvals</c> (People, Groups, Managers) and, for the manager, from the requester's token
/// (<c>TicketSubmitted.RequesterManager</c>: Intake passes the signed-in requester's <c>manager_email</c> claim, else
/// their <c>manager</c> user id) when the requester submitted as a person.
/// </summary>
public sealed class ApproverDirectory(IOptionsMonitor<ApprovalOptions> options)
{
    /// <summary>Seats for one reference. AllOf expands a group into its members (each must approve); AnyOf keeps one group seat.</summary>
    public IReadOnlyList<ApproverSeat> Resolve(ApproverRef approver, ApprovalMode mode, string? requesterEmail, string? requesterManager)
    {
        var settings = options.CurrentValue;
        switch (approver.Kind)
        {
            case ApproverKind.RequesterManager:
                var manager = requesterManager
                    ?? (requesterEmail is not null && settings.Managers.TryGetValue(requesterEmail, out var configured) ? configured : null);
                return manager is null ? [] : [Person(manager)];
            case ApproverKind.Group:
                var members = Members(approver.Id ?? "");
                if (mode == ApprovalMode.AllOf && members.Count > 0)
                {
                    return members.Select(Person).ToList();
                }
                return [new ApproverSeat(ApproverKind.Group, approver.Id ?? "", approver.Id, members.Select(EmailOf).OfType<string>().ToList())];
            default:
                return string.IsNullOrWhiteSpace(approver.Id) ? [] : [Person(approver.Id)];
        }
    }

    public ApproverSeat Person(string id)
    {
        var person = options.CurrentValue.People.GetValueOrDefault(id);
        var email = EmailOf(id);
        return new ApproverSeat(ApproverKind.Person, id, person?.Name ?? id, email is null ? [] : [email]);
    }

    public IReadOnlyList<string> Members(string group) =>
        options.CurrentValue.Groups.TryGetValue(group, out var members) ? members : [];

    /// <summary>True when one of the caller's names (id, name, e-mail) holds the seat, directly or as a group member.</summary>
    public bool Holds(ApprovalVote vote, IReadOnlyCollection<string> callerNames, IReadOnlySet<string> callerGroups)
    {
        if (vote.Kind == ApproverKind.Group)
        {
            return callerGroups.Contains(vote.Approver)
                || Members(vote.Approver).Any(m => callerNames.Contains(m, StringComparer.OrdinalIgnoreCase) || EmailOf(m) is { } e && callerNames.Contains(e, StringComparer.OrdinalIgnoreCase));
        }
        // A person seat may name a team rather than a person (Routing:DefaultApprover, a simple item's approver): the
        // identity's groups (verified claims, never the body) count too.
        return callerNames.Contains(vote.Approver, StringComparer.OrdinalIgnoreCase)
            || vote.Email is not null && callerNames.Contains(vote.Email, StringComparer.OrdinalIgnoreCase)
            || callerGroups.Contains(vote.Approver);
    }

    private string? EmailOf(string id) =>
        id.Contains('@', StringComparison.Ordinal) ? id : options.CurrentValue.People.GetValueOrDefault(id)?.Email;
}

using HelpDesk.Identity.Domain;

namespace HelpDesk.Identity.Api;

/// <summary>A person as the directory knows them: what services need to route approvals to a manager.</summary>
public sealed record DirectoryEntry(
    string Id, string? UserName, string DisplayName, string? Email, string? Organisation, string? ManagerId,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool Active)
{
    public static DirectoryEntry From(HelpDeskUser user) => new(
        user.Id, user.UserName, user.DisplayName, user.Email, user.OrganisationId, user.ManagerId, user.Roles, user.Groups, user.Active);
}

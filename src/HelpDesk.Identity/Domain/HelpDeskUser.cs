using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Identity.Domain;

/// <summary>
/// A person with a local account: ASP.NET Core Identity keeps the password hash, lockout counters and security
/// stamp; HelpDesk adds roles, organisation, manager and groups, which become claims of their tokens.
/// </summary>
public sealed class HelpDeskUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? OrganisationId { get; set; }

    /// <summary>User id of the person's manager (approves their catalogue requests).</summary>
    public string? ManagerId { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<string> Groups { get; set; } = [];

    /// <summary>A deactivated user can neither sign in nor refresh a token.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

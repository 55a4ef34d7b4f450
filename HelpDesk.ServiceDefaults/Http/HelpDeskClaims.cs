namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// Claim names of HelpDesk identities: in the identity service's tokens, and in the token the gateway forwards
/// to services. JWT registered names where one exists.
/// </summary>
public static class HelpDeskClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string PreferredUserName = "preferred_username";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";

    /// <summary>The person's organisation id.</summary>
    public const string Organisation = "org";

    /// <summary>"organisation" when the organisation lets its requesters see each other's tickets.</summary>
    public const string TicketVisibility = "ticket_visibility";

    /// <summary>The subject (user id) of the person's manager, who approves their catalogue requests.</summary>
    public const string Manager = "manager";

    /// <summary>The e-mail address of the person's manager (approval requests are sent there).</summary>
    public const string ManagerEmail = "manager_email";

    /// <summary>Groups the person belongs to (e.g. approver groups named on catalogue items).</summary>
    public const string Group = "group";

    /// <summary>In the forwarded token: "user" (a person), "client" (a machine client token) or "channel" (an API key).</summary>
    public const string Kind = "kind";

    /// <summary>In the forwarded token: the channel of an API key (portal, email, chat, phone, api, monitoring).</summary>
    public const string Channel = "channel";

    /// <summary>In the forwarded token: the issuer that authenticated the caller (the identity service, an external one, or "api-key").</summary>
    public const string Origin = "origin";

    public const string OrganisationVisibility = "organisation";
}

using System.Net.Http.Headers;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Testing;

/// <summary>
/// The one way tests get a valid service identity: a key pair made once per test process (services are configured
/// with its public half, see <see cref="ServiceTestHost"/>) and callers minted into tokens exactly as the gateway does.
/// </summary>
public static class TestCallers
{
    private static readonly (string Private, string Public) Keys = ServiceTokens.NewKeyPair();

    public static string SigningKeyPem => Keys.Private;

    public static string VerificationKeyPem => Keys.Public;

    /// <summary>Settings that make a host (service or gateway) sign and accept this process's test tokens.</summary>
    public static void Configure(IDictionary<string, string?> settings)
    {
        settings.TryAdd($"{ServiceTokenOptions.Section}:SigningKey", SigningKeyPem);
        settings.TryAdd($"{ServiceTokenOptions.Section}:VerificationKeys:0", VerificationKeyPem);
    }

    /// <summary>A token for <paramref name="caller"/>, valid for a day (tests may run long; the gateway's last minutes).</summary>
    public static string TokenFor(Caller caller, TimeSpan? lifetime = null) =>
        ServiceTokens.Create(ServiceTokens.LoadKey(SigningKeyPem), ServiceTokens.ClaimsOf(caller), lifetime ?? TimeSpan.FromDays(1));

    public static AuthenticationHeaderValue HeaderFor(Caller caller) => new("Bearer", TokenFor(caller));

    /// <summary>
    /// A machine caller with every scope and the agent and admin roles: what service tests act as by default
    /// (production API keys carry no roles; this stands for a fully trusted integration).
    /// </summary>
    public static Caller Platform { get; } = Channel("test-platform", "api", [.. HelpDeskScopes.All]) with
    {
        Kind = CallerKinds.Client,
        Roles = new HashSet<string>([HelpDeskRoles.Agent, HelpDeskRoles.Admin], StringComparer.Ordinal),
    };

    /// <summary>A channel app (API key) with these scopes.</summary>
    public static Caller Channel(string id, string channel, IEnumerable<string> scopes, string? name = null) =>
        new(id, name ?? id, channel, scopes.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal))
        {
            Kind = CallerKinds.Channel,
            Origin = "api-key",
        };

    /// <summary>A person with these roles (their scopes are the roles' scopes, as the gateway gives them).</summary>
    public static Caller Person(string userName, string[] roles, string? organisation = null, string[]? groups = null, bool sharesOrganisationTickets = false) =>
        new(userName, char.ToUpperInvariant(userName[0]) + userName[1..], null, HelpDeskRoles.ScopesOf(roles), roles.ToHashSet(StringComparer.Ordinal))
        {
            Kind = CallerKinds.User,
            Email = $"{userName}@example.org",
            UserName = userName,
            Organisation = organisation,
            SharesOrganisationTickets = sharesOrganisationTickets,
            Groups = (groups ?? []).ToHashSet(StringComparer.Ordinal),
            Origin = "helpdesk",
        };

    public static Caller Requester(string userName = "ada", string? organisation = "acme", bool sharesOrganisationTickets = false) =>
        Person(userName, [HelpDeskRoles.Requester], organisation, sharesOrganisationTickets: sharesOrganisationTickets);

    public static Caller Agent(string userName = "grace") => Person(userName, [HelpDeskRoles.Agent]);

    public static Caller Approver(string userName = "alan", params string[] groups) => Person(userName, [HelpDeskRoles.Approver], groups: groups);

    public static Caller Lead(string userName = "margaret") => Person(userName, [HelpDeskRoles.Lead]);

    public static Caller Admin(string userName = "root") => Person(userName, [HelpDeskRoles.Admin]);

    /// <summary>Puts the caller's token on one request (for tests that build requests by hand).</summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, Caller caller)
    {
        request.Headers.Authorization = HeaderFor(caller);
        return request;
    }
}

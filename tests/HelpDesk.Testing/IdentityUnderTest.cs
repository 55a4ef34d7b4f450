using HelpDesk.Identity;
using HelpDesk.LocalServers;

namespace HelpDesk.Testing;

/// <summary>The people and clients every test identity service knows.</summary>
public static class TestPeople
{
    public const string Password = "Correct-Horse-Battery-1";
    public const string WebClient = "test-web";
    public static readonly Uri WebRedirect = new("http://127.0.0.1/callback");
    public const string MachineClient = "test-machine";
    public const string MachineSecret = "test-machine-secret-0123456789";
    public const string AgentBot = "test-agent-bot";
    public const string AgentBotSecret = "test-agent-bot-secret-0123456789";

    /// <summary>The demo people of a local run (HelpDesk.LocalServers' DemoPeople), every one with <see cref="Password"/>.</summary>
    public static IReadOnlyList<DemoPerson> Users => DemoPeople.All;

    public static string EmailOf(string userName) => $"{userName}@example.org";

    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(DemoPeople.IdentitySettings(_ => Password))
        {
            ["Identity:Clients:0:ClientId"] = WebClient,
            ["Identity:Clients:0:Type"] = "public",
            ["Identity:Clients:0:GrantTypes:0"] = "authorization_code",
            ["Identity:Clients:0:GrantTypes:1"] = "refresh_token",
            ["Identity:Clients:0:RedirectUris:0"] = WebRedirect.ToString(),
            ["Identity:Clients:1:ClientId"] = MachineClient,
            ["Identity:Clients:1:Type"] = "confidential",
            ["Identity:Clients:1:ClientSecret"] = MachineSecret,
            ["Identity:Clients:1:GrantTypes:0"] = "client_credentials",
            ["Identity:Clients:1:Scopes:0"] = "tickets:read",
            ["Identity:Clients:1:Scopes:1"] = "tickets:write",
            ["Identity:Clients:2:ClientId"] = AgentBot,
            ["Identity:Clients:2:Type"] = "confidential",
            ["Identity:Clients:2:ClientSecret"] = AgentBotSecret,
            ["Identity:Clients:2:GrantTypes:0"] = "client_credentials",
            ["Identity:Clients:2:Scopes:0"] = "tickets:read",
            ["Identity:Clients:2:Scopes:1"] = "tickets:write",
            ["Identity:Clients:2:Roles:0"] = "agent",
        };
        string[] webScopes = ["profile", "email", "roles", "offline_access"];
        for (var i = 0; i < webScopes.Length; i++)
        {
            settings[$"Identity:Clients:0:Scopes:{i}"] = webScopes[i];
        }
        return settings;
    }
}

/// <summary>
/// The identity service as tests start it (SQLite), knowing <see cref="TestPeople"/>:
/// <c>ServiceTestHost.StartAsync(IdentityUnderTest.Service)</c>.
/// </summary>
public static class IdentityUnderTest
{
    public static readonly TestedService Service = new("identity", builder => builder.AddIdentityService(), app => app.MapIdentityService())
    {
        Settings = TestPeople.Settings(),
    };
}

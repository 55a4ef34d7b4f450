using HelpDesk.Identity;

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

    /// <summary>(user name, roles, organisation, manager, groups, e-mail).</summary>
    public static readonly IReadOnlyList<(string UserName, string[] Roles, string? Organisation, string? Manager, string[] Groups)> Users =
    [
        ("ada", ["requester"], "acme", "alan", []),
        ("bob", ["requester"], "acme", "alan", []),
        ("carol", ["requester"], "globex", null, []),
        ("grace", ["agent"], null, null, []),
        ("alan", ["approver"], "acme", null, ["cab"]),
        ("edith", ["approver"], null, null, []),
        ("margaret", ["lead"], null, null, []),
        ("kate", ["editor", "agent"], null, null, []),
        ("root", ["admin"], null, null, []),
    ];

    public static string EmailOf(string userName) => $"{userName}@example.org";

    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Organisations:0:Id"] = "acme",
            ["Identity:Organisations:0:Name"] = "Acme Corp",
            ["Identity:Organisations:0:ShareTickets"] = "false",
            ["Identity:Organisations:1:Id"] = "globex",
            ["Identity:Organisations:1:Name"] = "Globex",
            ["Identity:Organisations:1:ShareTickets"] = "true",
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
        for (var i = 0; i < Users.Count; i++)
        {
            var (name, roles, organisation, manager, groups) = Users[i];
            var prefix = $"Identity:Users:{i}:";
            settings[prefix + "UserName"] = name;
            settings[prefix + "Email"] = EmailOf(name);
            settings[prefix + "DisplayName"] = char.ToUpperInvariant(name[0]) + name[1..];
            settings[prefix + "Password"] = Password;
            settings[prefix + "Organisation"] = organisation;
            settings[prefix + "Manager"] = manager;
            for (var r = 0; r < roles.Length; r++)
            {
                settings[$"{prefix}Roles:{r}"] = roles[r];
            }
            for (var g = 0; g < groups.Length; g++)
            {
                settings[$"{prefix}Groups:{g}"] = groups[g];
            }
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

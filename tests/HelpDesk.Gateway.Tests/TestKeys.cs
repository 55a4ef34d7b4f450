using HelpDesk.Gateway.Security;
using HelpDesk.Testing;

namespace HelpDesk.Gateway.Tests;

/// <summary>Keys the tests present; only their hashes go into the gateway's configuration.</summary>
public static class TestKeys
{
    public const string Writer = "hdk_test_writer_0123456789abcdefghijklmnopqrstuv";
    public const string Reader = "hdk_test_reader_0123456789abcdefghijklmnopqrstuv";
    public const string Revoked = "hdk_test_revoked_0123456789abcdefghijklmnopqrstu";
    public const string Expired = "hdk_test_expired_0123456789abcdefghijklmnopqrstu";
    public const string Limited = "hdk_test_limited_0123456789abcdefghijklmnopqrstu";
    public const string Kb = "hdk_test_kb_0123456789abcdefghijklmnopqrstuvwxyz";
    public const string RoutingAdmin = "hdk_test_routing_admin_0123456789abcdefghijklm";

    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        Add(settings, 0, "portal-app", "Web portal", "portal", Writer, ["tickets:write", "tickets:read"]);
        Add(settings, 1, "reporting", "Reporting", "api", Reader, ["tickets:read"]);
        Add(settings, 2, "old-chat-bot", "Old chat bot", "chat", Revoked, ["tickets:write"]);
        settings["Gateway:ApiKeys:2:Revoked"] = "true";
        Add(settings, 3, "temp-monitor", "Temporary monitor", "monitoring", Expired, ["tickets:write"]);
        settings["Gateway:ApiKeys:3:ExpiresAt"] = "2020-01-01T00:00:00Z";
        Add(settings, 4, "mail-bridge", "Mail bridge", "email", Limited, ["tickets:write", "tickets:read"]);
        settings["Gateway:ApiKeys:4:RateLimitPerMinute"] = "3";
        Add(settings, 5, "kb-reader", "KB reader", "api", Kb, ["kb:read"]);
        Add(settings, 6, "routing-admin", "Routing administrator", "api", RoutingAdmin, ["routing:admin", "routing:read"]);
        return settings;
    }

    private static void Add(Dictionary<string, string?> settings, int index, string id, string name, string channel, string key, string[] scopes)
    {
        var prefix = $"Gateway:ApiKeys:{index}:";
        settings[prefix + "Id"] = id;
        settings[prefix + "Name"] = name;
        settings[prefix + "Channel"] = channel;
        settings[prefix + "KeyHash"] = ApiKeyHash.Compute(key, pepper: null).ToString();
        for (var i = 0; i < scopes.Length; i++)
        {
            settings[$"{prefix}Scopes:{i}"] = scopes[i];
        }
    }
}

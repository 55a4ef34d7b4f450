using HelpDesk.Gateway;
using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.AppHost;

/// <summary>
/// A channel API key for local runs, kept in the data directory so it survives restarts and scripts can read it.
/// Used only when no Gateway:ApiKeys are configured and anonymous access is not switched on: the gateway is never
/// open, and the developer still has a key without minting one.
/// </summary>
public static class LocalApiKey
{
    public const string FileName = "gateway-api-key";
    public const string KeyId = "local";

    /// <summary>Whether the operator configured keys (or anonymous access) through arguments or environment.</summary>
    public static bool IsConfiguredBy(IConfiguration configuration) =>
        configuration.GetSection("Gateway:ApiKeys").GetChildren().Any() ||
        configuration.GetValue<bool>("Gateway:AllowAnonymous");

    public static bool IsConfiguredBy(string[] args) =>
        IsConfiguredBy(new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build());

    /// <summary>Reads the data directory's key, creating it (readable by the owner only) on first use.</summary>
    public static string Ensure(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }
        var key = ApiKeyHash.NewKey();
        File.WriteAllText(path, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }

    /// <summary>Gateway configuration (key id, every scope, hash only) for <paramref name="key"/>.</summary>
    public static Dictionary<string, string?> GatewaySettings(string key)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Id"] = KeyId,
            ["Gateway:ApiKeys:0:Name"] = "Local developer",
            ["Gateway:ApiKeys:0:Channel"] = "api",
            ["Gateway:ApiKeys:0:KeyHash"] = ApiKeyHash.Compute(key, null).ToString(),
            // A developer's own key drives load tests and scripts on loopback: the channel default (600/min) would throttle them.
            ["Gateway:ApiKeys:0:RateLimitPerMinute"] = "120000",
            ["Gateway:ApiKeys:0:Burst"] = "2000",
        };
        for (var i = 0; i < HelpDeskScopes.All.Count; i++)
        {
            settings[$"Gateway:ApiKeys:0:Scopes:{i}"] = HelpDeskScopes.All[i];
        }
        return settings;
    }
}

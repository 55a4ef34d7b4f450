using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Gateway;

/// <summary>
/// Offline key minting for operators, no endpoint involved:
///   new-key [--id ID] [--name NAME] [--channel CHANNEL] [--scopes "a b"]   a fresh key, its hash and a configuration snippet
///   hash-key [KEY | -]                                                      the hash of an existing key (stdin with "-" or no KEY)
/// With Gateway__KeyPepper set in the environment (or --pepper), hashes are peppered (hmac-sha256:…).
/// </summary>
public static class ApiKeyTool
{
    public static bool IsCommand(string[] args) => args is ["new-key", ..] or ["hash-key", ..];

    public static int Run(string[] args, TextReader input, TextWriter output)
    {
        var options = ParseOptions(args[1..], out var positional);
        var pepper = options.GetValueOrDefault("pepper") ?? Environment.GetEnvironmentVariable("Gateway__KeyPepper");
        if (args[0] == "hash-key")
        {
            var key = positional is null or "-" ? input.ReadLine()?.Trim() : positional;
            if (string.IsNullOrEmpty(key))
            {
                output.WriteLine("usage: hash-key <key>   (or pipe the key on stdin)");
                return 2;
            }
            output.WriteLine(ApiKeyHash.Compute(key, pepper).ToString());
            return 0;
        }

        var id = options.GetValueOrDefault("id") ?? "channel-app";
        var channel = options.GetValueOrDefault("channel") ?? "api";
        if (!ApiKeyOptions.Channels.Contains(channel))
        {
            output.WriteLine($"--channel must be one of {string.Join(", ", ApiKeyOptions.Channels)}");
            return 2;
        }
        var scopes = (options.GetValueOrDefault("scopes") ?? $"{HelpDeskScopes.TicketsWrite} {HelpDeskScopes.TicketsRead} {HelpDeskScopes.KbRead}")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var newKey = ApiKeyHash.NewKey();
        var hash = ApiKeyHash.Compute(newKey, pepper).ToString();
        output.WriteLine($"key:  {newKey}");
        output.WriteLine($"hash: {hash}");
        output.WriteLine();
        output.WriteLine("Give the key to the channel app once; store only the hash. appsettings.json:");
        output.WriteLine($$"""
            { "Gateway": { "ApiKeys": [ {
                "Id": "{{id}}", "Name": "{{options.GetValueOrDefault("name") ?? id}}", "Channel": "{{channel}}",
                "Scopes": [ {{string.Join(", ", scopes.Select(s => $"\"{s}\""))}} ],
                "KeyHash": "{{hash}}", "RateLimitPerMinute": 600 } ] } }
            """);
        output.WriteLine("or environment variables (N = the key's index):");
        output.WriteLine($"  Gateway__ApiKeys__N__Id={id}");
        output.WriteLine($"  Gateway__ApiKeys__N__Channel={channel}");
        for (var i = 0; i < scopes.Length; i++)
        {
            output.WriteLine($"  Gateway__ApiKeys__N__Scopes__{i}={scopes[i]}");
        }
        output.WriteLine($"  Gateway__ApiKeys__N__KeyHash={hash}");
        return 0;
    }

    private static Dictionary<string, string> ParseOptions(string[] args, out string? positional)
    {
        positional = null;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                positional ??= args[i];
            }
        }
        return options;
    }
}

using System.Security.Cryptography;
using HelpDesk.ServiceDefaults;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.LocalServers;

/// <summary>
/// Identity for local runs, kept in the data directory so it survives restarts: the key pair the gateway signs
/// forwarded identities with (services get the public half), and demo people with random passwords
/// (requester, agent, approver, lead, editor, admin) unless the operator configures Identity:Users.
/// </summary>
public static class LocalIdentity
{
    public const string KeyFileName = "service-token-key.pem";
    public const string DemoUsersFileName = "demo-users.txt";

    /// <summary>(user name, roles, organisation, manager, groups).</summary>
    private static readonly (string User, string[] Roles, string? Organisation, string? Manager, string[] Groups)[] DemoPeople =
    [
        ("ada", [HelpDeskRoles.Requester], "acme", "alan", []),
        ("bob", [HelpDeskRoles.Requester], "acme", "alan", []),
        // Agents work the queues their groups name (Routing's default queues); HR's queue is kate's alone.
        ("grace", [HelpDeskRoles.Agent], null, null, ["service-desk", "hardware", "identity-access", "infrastructure", "procurement", "projects"]),
        ("alan", [HelpDeskRoles.Approver], "acme", null, ["service-desk-lead"]),
        ("margaret", [HelpDeskRoles.Lead], null, null, []),
        ("kate", [HelpDeskRoles.Agent, HelpDeskRoles.Editor], null, null, ["service-desk", "hr-support"]),
        ("root", [HelpDeskRoles.Admin], null, null, []),
    ];

    /// <summary>The gateway's private key (PKCS#8 PEM), created (owner-readable only) on first use.</summary>
    public static string EnsureSigningKey(string dataDirectory) =>
        ReadOrCreate(Path.Combine(dataDirectory, KeyFileName), () => ServiceTokens.NewKeyPair().PrivateKeyPem);

    public const string ReplySecretFileName = "email-reply-secret";

    /// <summary>Every backend's settings: the gateway's public key, and the secret of e-mail reply tokens (Intake, Notifications).</summary>
    public static Dictionary<string, string?> ServiceSettings(string dataDirectory) => new()
    {
        [$"{ServiceTokenOptions.Section}:VerificationKeys:0"] = ServiceTokens.PublicKeyOf(EnsureSigningKey(dataDirectory)),
        [ReplyTokens.SecretKey] = ReadOrCreate(Path.Combine(dataDirectory, ReplySecretFileName),
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Trim(),
    };

    public static Dictionary<string, string?> GatewaySettings(string dataDirectory, Uri? issuer)
    {
        var settings = new Dictionary<string, string?> { [$"{ServiceTokenOptions.Section}:SigningKey"] = EnsureSigningKey(dataDirectory) };
        if (issuer is not null)
        {
            settings["Gateway:Identity:Authority"] = issuer.ToString();
            settings["Gateway:Identity:RequireHttpsMetadata"] = "false";
        }
        return settings;
    }

    /// <summary>The identity service's settings: the public issuer, the acme organisation and the demo people.</summary>
    public static Dictionary<string, string?> IdentitySettings(string dataDirectory, Uri issuer, bool withDemoPeople)
    {
        var settings = ServiceSettings(dataDirectory);
        settings["Identity:Issuer"] = issuer.ToString();
        if (!withDemoPeople)
        {
            return settings;
        }
        settings["Identity:Organisations:0:Id"] = "acme";
        settings["Identity:Organisations:0:Name"] = "Acme Corp";
        var passwords = DemoPasswords(dataDirectory);
        for (var i = 0; i < DemoPeople.Length; i++)
        {
            var (user, roles, organisation, manager, groups) = DemoPeople[i];
            var prefix = $"Identity:Users:{i}:";
            settings[prefix + "UserName"] = user;
            settings[prefix + "Email"] = $"{user}@example.org";
            settings[prefix + "Password"] = passwords[user];
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

    /// <summary>Lines to print at start: who can sign in, with which password.</summary>
    public static IEnumerable<string> DemoPeopleSummary(string dataDirectory)
    {
        var passwords = DemoPasswords(dataDirectory);
        return DemoPeople.Select(p => $"{p.User,-9} {string.Join('+', p.Roles),-13} {passwords[p.User]}");
    }

    public static bool OperatorConfiguresPeople(IConfiguration configuration) =>
        configuration.GetSection("Identity:Users").GetChildren().Any();

    private static Dictionary<string, string> DemoPasswords(string dataDirectory)
    {
        var text = ReadOrCreate(Path.Combine(dataDirectory, DemoUsersFileName), () =>
            string.Join('\n', DemoPeople.Select(p => $"{p.User} {NewPassword()}")) + "\n");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);
    }

    /// <summary>16 random characters that meet the identity service's policy (a digit, a lower- and an upper-case letter).</summary>
    private static string NewPassword()
    {
        while (true)
        {
            // Rejection sampling keeps every compliant password equally likely (about 1 draw in 8 is refused).
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '-').Replace('+', '_');
            if (password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper))
            {
                return password;
            }
        }
    }

    internal static string ReadOrCreate(string path, Func<string> create)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }
        var value = create();
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            // Two processes starting at once: the first file written wins and both use it.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }
        return File.ReadAllText(path);
    }
}

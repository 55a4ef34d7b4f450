using System.Security.Cryptography;
using HelpDesk.ServiceDefaults;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.LocalServers;

/// <summary>
/// Identity for local runs, kept in the data directory so it survives restarts: the key pair the gateway signs
/// forwarded identities with (services get the public half), and demo people with random passwords
/// (<see cref="DemoPeople"/>: requester, agent, approver, lead, editor, admin) unless the operator configures Identity:Users.
/// </summary>
public static class LocalIdentity
{
    public const string KeyFileName = "service-token-key.pem";
    public const string DemoUsersFileName = "demo-users.txt";

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
        var passwords = DemoPasswords(dataDirectory);
        foreach (var (key, value) in DemoPeople.IdentitySettings(person => passwords[person.UserName]))
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Lines to print at start: who can sign in, with which password.</summary>
    public static IEnumerable<string> DemoPeopleSummary(string dataDirectory)
    {
        var passwords = DemoPasswords(dataDirectory);
        return DemoPeople.All.Select(p => $"{p.UserName,-9} {string.Join('+', p.Roles),-17} {passwords[p.UserName]}");
    }

    public static bool OperatorConfiguresPeople(IConfiguration configuration) =>
        configuration.GetSection("Identity:Users").GetChildren().Any();

    /// <summary>user name → password, made once per data directory; a person added since gets one on the next start.</summary>
    public static Dictionary<string, string> DemoPasswords(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DemoUsersFileName);
        var text = ReadOrCreate(path, () => string.Join('\n', DemoPeople.All.Select(p => $"{p.UserName} {NewPassword()}")) + "\n");
        var passwords = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);
        var missing = DemoPeople.All.Where(p => !passwords.ContainsKey(p.UserName)).ToList();
        if (missing.Count > 0)
        {
            foreach (var person in missing)
            {
                passwords[person.UserName] = NewPassword();
            }
            File.AppendAllText(path, string.Concat(missing.Select(p => $"{p.UserName} {passwords[p.UserName]}\n")));
        }
        return passwords;
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
